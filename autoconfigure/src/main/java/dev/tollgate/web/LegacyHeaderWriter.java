package dev.tollgate.web;

import java.time.Clock;

import dev.tollgate.limiter.LimitOutcome;
import dev.tollgate.limiter.RateLimitDecision;

/**
 * Legacy headers: {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and
 * {@code X-RateLimit-Reset} as a Unix timestamp in seconds, for the limit closest to
 * exhaustion. The timestamp is rounded up, so a client waiting until then is never
 * early.
 */
public final class LegacyHeaderWriter implements RateLimitHeaderWriter {

	private final Clock clock;

	/**
	 * Create a new writer.
	 * @param clock the wall clock that reset timestamps are based on
	 */
	public LegacyHeaderWriter(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void write(ResponseHeaders headers, RateLimitDecision decision) {
		LimitOutcome outcome = decision.closestToExhaustion();
		if (outcome == null) {
			return;
		}
		long resetMillis = this.clock.millis() + (outcome.nanosToReset() + 999_999) / 1_000_000;
		long resetEpochSeconds = Math.floorDiv(resetMillis + 999, 1000L);
		headers.set(RateLimitHeaders.LEGACY_LIMIT, outcome.limit());
		headers.set(RateLimitHeaders.LEGACY_REMAINING, outcome.remaining());
		headers.set(RateLimitHeaders.LEGACY_RESET, resetEpochSeconds);
	}

}
