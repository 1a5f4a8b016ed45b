package dev.tollgate.web;

import dev.tollgate.limiter.RateLimitDecision;

/**
 * Writes one style of rate-limit headers on a limited response.
 */
@FunctionalInterface
public interface RateLimitHeaderWriter {

	/**
	 * Write the headers that describe a decision.
	 * @param headers the headers of the response, not yet committed
	 * @param decision the decision for the request
	 */
	void write(ResponseHeaders headers, RateLimitDecision decision);

}
