package dev.tollgate.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a server said about its rate limit in one response's headers. Every part is
 * optional: servers send different subsets, and malformed values are left out.
 *
 * @param limit the quota of the limit described
 * @param remaining the requests left in it
 * @param reset when it is full again
 * @param retryAfter how long to wait before retrying
 * @param policy the policy's name or description, if the server gave one
 */
public record RateLimitInfo(OptionalLong limit, OptionalLong remaining, Optional<Instant> reset,
		Optional<Duration> retryAfter, Optional<String> policy) {

	/** No rate-limit information. */
	public static final RateLimitInfo EMPTY = new RateLimitInfo(OptionalLong.empty(), OptionalLong.empty(),
			Optional.empty(), Optional.empty(), Optional.empty());

	/**
	 * Whether the response said nothing about rate limits.
	 * @return {@code true} when every part is absent
	 */
	public boolean isEmpty() {
		return this.limit.isEmpty() && this.remaining.isEmpty() && this.reset.isEmpty() && this.retryAfter.isEmpty()
				&& this.policy.isEmpty();
	}

	/**
	 * Whether the server said no request is left before the reset.
	 * @return {@code true} when remaining is known to be zero
	 */
	public boolean isExhausted() {
		return this.remaining.isPresent() && this.remaining.getAsLong() <= 0;
	}

}
