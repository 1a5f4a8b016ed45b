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
		response.setHeader(RateLimitHeaders.LIMIT, RateLimitHeaders.number(outcome.limit()));
		response.setHeader(RateLimitHeaders.REMAINING, RateLimitHeaders.number(outcome.remaining()));
		response.setHeader(RateLimitHeaders.RESET, RateLimitHeaders.number(RateLimitHeaders.ceilSeconds(outcome.nanosToReset())));
	}

}
