package dev.tollgate.web;

import dev.tollgate.limiter.LimitOutcome;
import dev.tollgate.limiter.RateLimitDecision;

/**
 * IETF draft-6 headers: {@code RateLimit-Limit}, {@code RateLimit-Remaining} and
 * {@code RateLimit-Reset} (seconds until reset), for the limit closest to exhaustion.
 */
public final class Draft6HeaderWriter implements RateLimitHeaderWriter {

	@Override
	public void write(ResponseHeaders headers, RateLimitDecision decision) {
		LimitOutcome outcome = decision.closestToExhaustion();
		if (outcome == null) {
			return;
		}
		headers.set(RateLimitHeaders.LIMIT, outcome.limit());
		headers.set(RateLimitHeaders.REMAINING, outcome.remaining());
		headers.set(RateLimitHeaders.RESET, RateLimitHeaders.ceilSeconds(outcome.nanosToReset()));
	}

}
