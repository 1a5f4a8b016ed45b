package dev.tollgate.web;

import jakarta.servlet.http.HttpServletResponse;

import dev.tollgate.limiter.RateLimitDecision;

/**
 * Writes one style of rate-limit headers on a limited response.
 */
@FunctionalInterface
public interface RateLimitHeaderWriter {

	/**
	 * Write the headers that describe a decision.
	 * @param response the response, not yet committed
	 * @param decision the decision for the request
	 */
	void write(HttpServletResponse response, RateLimitDecision decision);

}
