package dev.tollgate.key;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Applies the {@link MissingKeyPolicy}: asks the primary resolver, and when it has no
 * key falls back to the client IP or to one shared key. Never returns {@code null}.
 */
public final class FallbackKeyResolver implements RateLimitKeyResolver {

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
		String key = this.primary.resolveKey(request);
		if (key != null) {
			return key;
		}
		if (this.policy == MissingKeyPolicy.SHARED) {
			return SHARED_KEY;
		}
		String ip = this.clientIp.resolveKey(request);
		return (ip != null) ? ip : SHARED_KEY;
	}

}
