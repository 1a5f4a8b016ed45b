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
 * @param bandwidth the index of the limit's bandwidth closest to exhaustion, in the
 * order of {@link RateLimitRule#getRates()}
 * @param remaining the tokens left after this request
 * @param nanosToReset the time until the limit is full again
 * @param nanosToRetry when not conforming, the time until enough tokens are back
 */
public record LimitOutcome(RateLimitRule rule, boolean conforming, int bandwidth, long remaining, long nanosToReset,
		long nanosToRetry) {

	/**
	 * Whether this outcome rejects the request: not conforming and enforced.
	 * @return whether the request must be rejected because of this limit
	 */
	/**
	 * The capacity of the bandwidth this outcome describes.
	 * @return the limit, in tokens
	 */
	public long limit() {
		return this.rule.getCapacity(this.bandwidth);
	}

	/**
	 * The window of the bandwidth this outcome describes.
	 * @return the period of its rate
	 */
	public Duration window() {
		return this.rule.getRates().get(this.bandwidth).period();
	}

	/**
	 * This outcome after the request's tokens were given back.
	 * @return a copy with the cost added back to the remaining tokens
	 */
	LimitOutcome refunded() {
		return new LimitOutcome(this.rule, this.conforming, this.bandwidth,
				Math.min(limit(), this.remaining + this.rule.getCost()), this.nanosToReset, this.nanosToRetry);
	}

	public boolean rejects() {
		return !this.conforming && this.rule.getMode() == LimitMode.ENFORCE;
	}

}
