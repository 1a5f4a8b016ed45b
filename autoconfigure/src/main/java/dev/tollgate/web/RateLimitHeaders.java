package dev.tollgate.web;

/**
 * The names of the headers Tollgate writes.
 */
public final class RateLimitHeaders {

	/** IETF draft-11: the quota policies that apply. */
	public static final String POLICY = "RateLimit-Policy";

	/** IETF draft-11: the current state of each policy. */
	public static final String RATE_LIMIT = "RateLimit";

	/** IETF draft-6: the quota of the limit closest to exhaustion. */
	public static final String LIMIT = "RateLimit-Limit";

	/** IETF draft-6: the tokens left. */
	public static final String REMAINING = "RateLimit-Remaining";

	/** IETF draft-6: seconds until the quota is full again. */
	public static final String RESET = "RateLimit-Reset";

	/** Legacy: the quota of the limit closest to exhaustion. */
	public static final String LEGACY_LIMIT = "X-RateLimit-Limit";

	/** Legacy: the tokens left. */
	public static final String LEGACY_REMAINING = "X-RateLimit-Remaining";

	/** Legacy: when the quota is full again, as a Unix timestamp in seconds. */
	public static final String LEGACY_RESET = "X-RateLimit-Reset";

	/** Seconds to wait before retrying, on rejected responses only. */
	public static final String RETRY_AFTER = "Retry-After";

	private RateLimitHeaders() {
	}

	/**
	 * Whole seconds covering a duration, rounded up.
	 * @param nanos the duration in nanoseconds
	 * @return the seconds, rounded up
	 */
	static long ceilSeconds(long nanos) {
		return (nanos <= 0) ? 0 : (nanos + 999_999_999L) / 1_000_000_000L;
	}

}
