package dev.tollgate.plan;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.bucket4j.TimeMeter;

/**
 * Remembers each key's plan for a while, so that the plan lookup (often a database
 * query) is not made on every request. A changed plan takes effect when the entry
 * expires, or at once when it is invalidated (the Actuator endpoint's reset does).
 * A resolver that fails gives the default plan for a short while (at most
 * {@link #FAILURE_TTL}), so that a failing lookup is neither called on every request
 * nor trusted for long; the first failure is logged as a warning, later ones at debug
 * level.
 */
public final class PlanCache {

	/** How long a failed lookup is remembered, at most. */
	public static final Duration FAILURE_TTL = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(PlanCache.class);

	private final Cache<PlanKey, ResolvedPlan> plans;

	private final Clock clock;

	private final long failureTtlNanos;

	private final long ttlNanos;

	private final AtomicBoolean failureLogged = new AtomicBoolean();

	/**
	 * Create a new cache.
	 * @param ttl how long a resolved plan is remembered
	 * @param maximumKeys the most keys remembered
	 * @param timeMeter the clock entries expire by
	 * @param clock the wall clock resolutions are timestamped with
	 */
	public PlanCache(Duration ttl, long maximumKeys, TimeMeter timeMeter, Clock clock) {
		this.clock = clock;
		this.ttlNanos = ttl.toNanos();
		this.failureTtlNanos = Math.min(this.ttlNanos, FAILURE_TTL.toNanos());
		this.plans = Caffeine.newBuilder()
			.maximumSize(maximumKeys)
			.ticker(timeMeter::currentTimeNanos)
			.expireAfter(new Expiry<PlanKey, ResolvedPlan>() {

				@Override
				public long expireAfterCreate(PlanKey key, ResolvedPlan value, long currentTime) {
					return value.failed() ? PlanCache.this.failureTtlNanos : PlanCache.this.ttlNanos;
				}

				@Override
				public long expireAfterUpdate(PlanKey key, ResolvedPlan value, long currentTime, long currentDuration) {
					return expireAfterCreate(key, value, currentTime);
				}

				@Override
				public long expireAfterRead(PlanKey key, ResolvedPlan value, long currentTime, long currentDuration) {
					return currentDuration;
				}

			})
			.build();
	}

	/**
	 * The plan of a key, resolved on a miss.
	 * @param resolver who decides the plan
	 * @param key the request's key under the limit
	 * @param request the request, for the resolver
	 * @return the resolved plan
	 */
	public ResolvedPlan get(RateLimitPlanResolver resolver, String key, HttpServletRequest request) {
		PlanKey planKey = new PlanKey(resolver, key);
		ResolvedPlan cached = this.plans.getIfPresent(planKey);
		return (cached != null) ? cached : this.plans.get(planKey, (missing) -> resolve(resolver, request));
	}

	/**
	 * The plan a key is remembered with, without resolving it.
	 * @param resolver who decides the plan
	 * @param key the key
	 * @return the remembered plan, or {@code null}
	 */
	public @Nullable ResolvedPlan peek(RateLimitPlanResolver resolver, String key) {
		return this.plans.getIfPresent(new PlanKey(resolver, key));
	}

	/**
	 * Forget a key's plan, under every resolver, so that the next request resolves it.
	 * @param key the key
	 */
	public void invalidate(String key) {
		this.plans.asMap().keySet().removeIf((planKey) -> planKey.key().equals(key));
	}

	private ResolvedPlan resolve(RateLimitPlanResolver resolver, HttpServletRequest request) {
		long now = this.clock.millis();
		try {
			String plan = resolver.resolvePlan(request);
			return new ResolvedPlan((plan != null) ? PlanNames.canonical(plan) : null, now, false);
		}
		catch (RuntimeException ex) {
			if (this.failureLogged.compareAndSet(false, true)) {
				logger.warn("Rate-limit plan resolver failed; such requests get the limit's default plan for up to "
						+ Duration.ofNanos(this.failureTtlNanos).toSeconds() + " s. Later failures are logged at "
						+ "debug level.", ex);
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("Rate-limit plan resolver failed", ex);
			}
			return new ResolvedPlan(null, now, true);
		}
	}

	private record PlanKey(RateLimitPlanResolver resolver, String key) {
	}

	/**
	 * A key's plan as resolved.
	 *
	 * @param plan the plan's name in lower case, or {@code null} for none
	 * @param resolvedAtMillis when it was resolved, on the wall clock
	 * @param failed whether the resolver failed
	 */
	public record ResolvedPlan(@Nullable String plan, long resolvedAtMillis, boolean failed) {
	}

}
