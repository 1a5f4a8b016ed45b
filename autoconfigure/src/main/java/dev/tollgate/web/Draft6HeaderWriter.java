package dev.tollgate.web;

import jakarta.servlet.http.HttpServletResponse;

import dev.tollgate.limiter.LimitOutcome;
import dev.tollgate.limiter.RateLimitDecision;

/**
 * IETF draft-6 headers: {@code RateLimit-Limit}, {@code RateLimit-Remaining} and
 * {@code RateLimit-Reset} (seconds until reset), for the limit closest to exhaustion.
 */
public final class Draft6HeaderWriter implements RateLimitHeaderWriter {

	@Override
	public void write(HttpServletResponse response, RateLimitDecision decision) {
		LimitOutcome outcome = decision.closestToExhaustion();
		if (outcome == null) {
			return;
		}
		response.setHeader(RateLimitHeaders.LIMIT, Long.toString(outcome.limit()));
		response.setHeader(RateLimitHeaders.REMAINING, Long.toString(outcome.remaining()));
		response.setHeader(RateLimitHeaders.RESET, Long.toString(RateLimitHeaders.ceilSeconds(outcome.nanosToReset())));
	}

}
