package dev.tollgate.limiter;

import java.time.Duration;

import dev.tollgate.rule.LimitMode;
import dev.tollgate.rule.RateLimitRule;

/**
 * What one limit said about one request.
 *
 * @param rule the limit
 * @param conforming whether the limit had enough tokens (in shadow mode the request
 * may pass even when it did not)
 * @param limit the capacity of the limit's bandwidth closest to exhaustion
 * @param window the period of that bandwidth
 * @param remaining the tokens left after this request
 * @param nanosToReset the time until the limit is full again
 * @param nanosToRetry when not conforming, the time until enough tokens are back
 */
public record LimitOutcome(RateLimitRule rule, boolean conforming, long limit, Duration window, long remaining, long nanosToReset,
		long nanosToRetry) {

	/**
	 * Whether this outcome rejects the request: not conforming and enforced.
	 * @return whether the request must be rejected because of this limit
	 */
	/**
	 * This outcome after the request's tokens were given back.
	 * @return a copy with the cost added back to the remaining tokens
	 */
	LimitOutcome refunded() {
		return new LimitOutcome(this.rule, this.conforming, this.limit, this.window,
				Math.min(this.limit, this.remaining + this.rule.getCost()), this.nanosToReset, this.nanosToRetry);
	}

	public boolean rejects() {
		return !this.conforming && this.rule.getMode() == LimitMode.ENFORCE;
	}

	/**
	 * This limit's own verdict, as counted in metrics.
	 * @return allowed, rejected or shadow-rejected
	 */
	public Outcome outcome() {
		if (this.conforming) {
			return Outcome.ALLOWED;
		}
		return (this.rule.getMode() == LimitMode.ENFORCE) ? Outcome.REJECTED : Outcome.SHADOW_REJECTED;
	}

}
