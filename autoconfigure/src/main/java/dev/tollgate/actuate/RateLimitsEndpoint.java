package dev.tollgate.actuate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.tollgate.key.ClientIpKeyResolver;
import dev.tollgate.key.KeyHasher;
import dev.tollgate.key.KeyResolvers;
import dev.tollgate.plan.PlanCache;
import dev.tollgate.plan.PlanCache.ResolvedPlan;
import dev.tollgate.plan.PlanNames;
import dev.tollgate.rule.Exemption;
import dev.tollgate.rule.Plan;
import dev.tollgate.rule.Rate;
import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.rule.RateLimitRules;
import dev.tollgate.store.BucketStore;
import dev.tollgate.store.TokenBucket;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The {@code ratelimits} Actuator endpoint: every effective limit, the state of one
 * key's bucket, resetting it (and forgetting its plan), and retuning a limit's own
 * rate, or one of its plans' rates, until restart.
 * <p>
 * Keys are given as users know them: an IP address for {@code ip} limits (IPv6
 * addresses are grouped by prefix as the filter does), the raw header value or user
 * name for other limits, which the endpoint hashes the way the filter does, or that
 * hash itself as {@code hash:<key>} (as responses and logs show it), so that a
 * credential need not appear in a URL. For a request that had no key and was counted
 * by client IP, give {@code ip:<address>}.
 */
@Endpoint(id = "ratelimits")
public class RateLimitsEndpoint {

	private static final Log logger = LogFactory.getLog(RateLimitsEndpoint.class);

	private static final String IP_PREFIX = "ip:";

	private static final String HASH_PREFIX = "hash:";

	/** A key as the hashers give it: 128 bits in 22 characters of URL-safe Base64. */
	private static final Pattern HASHED_KEY = Pattern.compile("[A-Za-z0-9_-]{22}");

	private final RateLimitRules rules;

	private final BucketStore store;

	private final ClientIpKeyResolver clientIp;

	private final KeyHasher hasher;

	private final List<String> headerStyles;

	private final String storeType;

	private final PlanCache planCache;

	public RateLimitsEndpoint(RateLimitRules rules, BucketStore store, ClientIpKeyResolver clientIp, KeyHasher hasher,
			List<String> headerStyles, String storeType, PlanCache planCache) {
		this.rules = rules;
		this.store = store;
		this.clientIp = clientIp;
		this.hasher = hasher;
		this.headerStyles = List.copyOf(headerStyles);
		this.storeType = storeType;
		this.planCache = planCache;
	}

	@ReadOperation
	public RateLimitsDescriptor limits() {
		List<LimitDescriptor> limits = new ArrayList<>();
		this.rules.getLimits().forEach((rule) -> limits.add(LimitDescriptor.of(rule)));
		LimitDescriptor defaultLimit = (this.rules.getDefaultLimit() != null)
				? LimitDescriptor.of(this.rules.getDefaultLimit()) : null;
		List<ExemptionDescriptor> exemptions = this.rules.getExemptions()
			.stream()
			.map(ExemptionDescriptor::of)
			.toList();
		return new RateLimitsDescriptor(limits, defaultLimit, exemptions, this.headerStyles, this.storeType);
	}

	@ReadOperation
	public WebEndpointResponse<BucketDescriptor> bucket(@Selector String limit, @Selector String key) {
		RateLimitRule rule = rule(limit);
		String bucketKey = (rule != null) ? bucketKey(rule, key) : null;
		if (bucketKey == null) {
			return new WebEndpointResponse<>(notFoundOrBadKey(rule));
		}
		ResolvedPlan resolved = rule.hasPlans() ? this.planCache.peek(rule.getPlanResolver(), bucketKey) : null;
		Plan plan = rule.plan((resolved != null) ? resolved.plan() : null);
		String planName = rule.hasPlans() ? plan.getName() : null;
		try {
			TokenBucket bucket = this.store.find(rule, bucketKey);
			if (bucket == null) {
				long capacity = plan.isUnlimited() ? 0 : plan.getBandwidths().capacity(0);
				return new WebEndpointResponse<>(new BucketDescriptor(limit, bucketKey, planName, false, capacity, 0));
			}
			long remaining = bucket.availableTokens();
			long secondsToReset = Duration.ofNanos(bucket.nanosToFull()).toSeconds();
			return new WebEndpointResponse<>(new BucketDescriptor(limit, bucketKey, planName, true, remaining,
					secondsToReset));
		}
		catch (RuntimeException ex) {
			return storeUnavailable("read", limit, ex);
		}
	}

	@DeleteOperation
	public WebEndpointResponse<ResetDescriptor> reset(@Selector String limit, @Selector String key) {
		RateLimitRule rule = rule(limit);
		String bucketKey = (rule != null) ? bucketKey(rule, key) : null;
		if (bucketKey == null) {
			return new WebEndpointResponse<>(notFoundOrBadKey(rule));
		}
		this.planCache.invalidate(bucketKey);
		try {
			return new WebEndpointResponse<>(new ResetDescriptor(limit, bucketKey, this.store.remove(rule, bucketKey)));
		}
		catch (RuntimeException ex) {
			return storeUnavailable("reset", limit, ex);
		}
	}

	/**
	 * 503 for an operation the store could not answer (Redis down, say), logged with
	 * its cause: the operator asked for it, once.
	 */
	private static <T> WebEndpointResponse<T> storeUnavailable(String operation, String limit, RuntimeException ex) {
		logger.warn("Could not " + operation + " a bucket of limit '" + limit + "': the rate-limit store did not answer ("
				+ ex + ")");
		return new WebEndpointResponse<>(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE);
	}

	/**
	 * Change a limit's rate, or the rate of one of its plans, until restart; existing
	 * buckets take it on their next use, keeping the tokens they have used.
	 * @param limit the limit's name
	 * @param rate the new rate(s), comma separated, such as {@code 10/1s, 500/1h}
	 * @param plan the plan to retune, or {@code null} for the limit's own rate
	 * @return the limit as it now is; 404 for an unknown limit, 400 for an unknown
	 * plan or an invalid rate
	 */
	@WriteOperation
	public WebEndpointResponse<LimitDescriptor> retune(@Selector String limit, String rate, @Nullable String plan) {
		RateLimitRule rule = rule(limit);
		if (rule == null) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		try {
			List<Rate> rates = Arrays.stream(rate.split(",")).map(Rate::parse).toList();
			if (plan == null) {
				rule.retune(rates);
			}
			else {
				rule.retunePlan(PlanNames.canonical(plan), rates);
			}
		}
		catch (IllegalArgumentException ex) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_BAD_REQUEST);
		}
		return new WebEndpointResponse<>(LimitDescriptor.of(rule));
	}

	/** 404 for an unknown limit, 400 for a key that is not an address where one is expected. */
	private static int notFoundOrBadKey(@Nullable RateLimitRule rule) {
		return (rule == null) ? WebEndpointResponse.STATUS_NOT_FOUND : WebEndpointResponse.STATUS_BAD_REQUEST;
	}

	private @Nullable RateLimitRule rule(String name) {
		for (RateLimitRule rule : this.rules.getLimits()) {
			if (rule.getName().equals(name)) {
				return rule;
			}
		}
		RateLimitRule defaultLimit = this.rules.getDefaultLimit();
		return (defaultLimit != null && defaultLimit.getName().equals(name)) ? defaultLimit : null;
	}

	/** The key as the filter stores it, or {@code null} when an address is expected but not given. */
	private @Nullable String bucketKey(RateLimitRule rule, String key) {
		try {
			if (key.startsWith(IP_PREFIX)) {
				return this.clientIp.canonicalize(key.substring(IP_PREFIX.length()));
			}
			if (key.startsWith(HASH_PREFIX)) {
				String hashed = key.substring(HASH_PREFIX.length());
				return HASHED_KEY.matcher(hashed).matches() ? hashed : null;
			}
			return rule.getKeyName().equals("ip") ? this.clientIp.canonicalize(key)
					: KeyResolvers.hasherOf(rule.getKeyName(), this.hasher).hash(key);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * Every effective limit and how limiting is set up.
	 *
	 * @param limits the named limits
	 * @param defaultLimit the default limit, if any
	 * @param exemptions the exempt routes
	 * @param headerStyles the header styles written
	 * @param store the store buckets live in
	 */
	public record RateLimitsDescriptor(List<LimitDescriptor> limits, @Nullable LimitDescriptor defaultLimit,
			List<ExemptionDescriptor> exemptions, List<String> headerStyles, String store) {
	}

	/**
	 * One limit.
	 *
	 * @param name the name
	 * @param routes the routes, such as {@code POST /v1/token}
	 * @param rates the rates, such as {@code 10/1m}
	 * @param bandwidths the rates as capacity and period
	 * @param key the key
	 * @param cost tokens per request
	 * @param refill the refill style
	 * @param mode the mode
	 * @param source where it was defined: a property or an annotated method
	 * @param plans the plans' rates by name ({@code unlimited} for an unlimited plan)
	 * @param planResolver who decides the plan, for a limit with plans
	 */
	public record LimitDescriptor(String name, List<String> routes, List<String> rates,
			List<BandwidthDescriptor> bandwidths, String key, long cost, String refill, String mode, String source,
			Map<String, List<String>> plans, @Nullable String planResolver) {

		static LimitDescriptor of(RateLimitRule rule) {
			List<Rate> rates = rule.getRates();
			Map<String, List<String>> plans = new LinkedHashMap<>();
			rule.getPlans()
				.forEach((name, plan) -> plans.put(name, plan.isUnlimited() ? List.of("unlimited")
						: plan.getBandwidths().rates().stream().map(Rate::toString).toList()));
			return new LimitDescriptor(rule.getName(), rule.getRoute().describe(),
					rates.stream().map(Rate::toString).toList(),
					rates.stream().map((rate) -> new BandwidthDescriptor(rate.tokens(), rate.period())).toList(),
					rule.getKeyName(), rule.getCost(), rule.getRefill().name().toLowerCase(Locale.ROOT),
					rule.getMode().name().toLowerCase(Locale.ROOT), rule.getSource(), plans,
					rule.getPlanResolverName());
		}

	}

	/**
	 * One bandwidth.
	 *
	 * @param capacity the capacity
	 * @param period the period
	 */
	public record BandwidthDescriptor(long capacity, Duration period) {
	}

	/**
	 * One exempt route.
	 *
	 * @param routes the routes
	 * @param limits the limits it is exempt from; empty for all
	 */
	public record ExemptionDescriptor(List<String> routes, List<String> limits) {

		static ExemptionDescriptor of(Exemption exemption) {
			return new ExemptionDescriptor(exemption.route().describe(), exemption.limits().stream().sorted().toList());
		}

	}

	/**
	 * The state of one key's bucket.
	 *
	 * @param limit the limit
	 * @param key the key as stored (an address, or a hash)
	 * @param plan the key's plan as last resolved, for a limit with plans
	 * @param tracked whether the store holds a bucket for it (otherwise it is full)
	 * @param remaining the tokens left
	 * @param secondsToReset seconds until the bucket is full again
	 */
	public record BucketDescriptor(String limit, String key, @Nullable String plan, boolean tracked, long remaining,
			long secondsToReset) {
	}

	/**
	 * The result of a reset, which also forgets the key's plan.
	 *
	 * @param limit the limit
	 * @param key the key as stored
	 * @param reset whether a bucket was forgotten
	 */
	public record ResetDescriptor(String limit, String key, boolean reset) {
	}

}
