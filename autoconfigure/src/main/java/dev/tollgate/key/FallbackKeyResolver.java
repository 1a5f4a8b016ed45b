package dev.tollgate.key;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Applies the {@link MissingKeyPolicy}: asks the primary resolver, and when it has no
 * key, or fails, falls back to the client IP or to one shared key. Never returns
 * {@code null} and never throws: a resolver that fails cannot turn a request into an
 * error or let it bypass its limit. The first failure is logged as a warning, later
 * ones at debug level, so a broken resolver cannot flood the log.
 */
public final class FallbackKeyResolver implements RateLimitKeyResolver {

	private static final Log logger = LogFactory.getLog(FallbackKeyResolver.class);

	private final AtomicBoolean failureLogged = new AtomicBoolean();

	/** The key shared by requests without one; cannot collide with an IP or a hash. */
	static final String SHARED_KEY = "~missing";

	private final RateLimitKeyResolver primary;

	private final RateLimitKeyResolver clientIp;

	private final MissingKeyPolicy policy;

	public FallbackKeyResolver(RateLimitKeyResolver primary, RateLimitKeyResolver clientIp, MissingKeyPolicy policy) {
		this.primary = primary;
		this.clientIp = clientIp;
		this.policy = policy;
	}

	@Override
	public String resolveKey(HttpServletRequest request) {
		String key = primaryKey(request);
		if (key != null) {
			return key;
		}
		if (this.policy == MissingKeyPolicy.SHARED) {
			return SHARED_KEY;
		}
		String ip = this.clientIp.resolveKey(request);
		return (ip != null) ? ip : SHARED_KEY;
	}

	private @Nullable String primaryKey(HttpServletRequest request) {
		try {
			return this.primary.resolveKey(request);
		}
		catch (RuntimeException ex) {
			if (this.failureLogged.compareAndSet(false, true)) {
				logger.warn("Rate-limit key resolver failed; such requests are counted as having no key (missing-key "
						+ "policy " + this.policy.name().toLowerCase(Locale.ROOT) + "). Later failures are logged at "
						+ "debug level.", ex);
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("Rate-limit key resolver failed", ex);
			}
			return null;
		}
	}

}
