package dev.tollgate.client;

import java.time.Duration;

/**
 * How {@link RateLimitRetryInterceptor} retries.
 *
 * @param maxAttempts the most attempts per request, the first included
 * @param maxTotalWait the most time spent waiting across the retries of one request
 * @param baseBackoff the backoff cap of the first retry, doubled at each retry
 * @param maxBackoff the largest backoff cap
 * @param retryNonIdempotent whether to retry POST and PATCH too
 * @param proactive whether to wait before sending when the last response from the
 * same host said no request is left and the reset is near
 * @param proactiveMaxWait the longest wait before sending in proactive mode
 */
public record RetryPolicy(int maxAttempts, Duration maxTotalWait, Duration baseBackoff, Duration maxBackoff,
		boolean retryNonIdempotent, boolean proactive, Duration proactiveMaxWait) {

	/** Three attempts, at most 30 s of waiting, backoff from 500 ms up to 10 s. */
	public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(30), Duration.ofMillis(500),
			Duration.ofSeconds(10), false, false, Duration.ofSeconds(5));

	public RetryPolicy {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("at least one attempt is required");
		}
		if (maxTotalWait.isNegative() || baseBackoff.isNegative() || maxBackoff.isNegative()
				|| proactiveMaxWait.isNegative()) {
			throw new IllegalArgumentException("durations must not be negative");
		}
	}

}
