package dev.tollgate.limiter;

import java.time.Duration;

import dev.tollgate.rule.LimitMode;
import dev.tollgate.rule.RateLimitRule;
import org.jspecify.annotations.Nullable;

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
 * @param store how the store took part: when it failed, the outcome follows the
 * failure policy
 * @param plan the plan the key was on, or {@code null} for a limit without plans
 */
public record LimitOutcome(RateLimitRule rule, boolean conforming, long limit, Duration window, long remaining,
		long nanosToReset, long nanosToRetry, StoreStatus store, @Nullable String plan) {

	/**
	 * The outcome of a limit whose store failed and whose policy lets requests
	 * through.
	 * @param rule the limit
	 * @return a conforming outcome marked as a store failure
	 */
	public static LimitOutcome failedOpen(RateLimitRule rule) {
		return new LimitOutcome(rule, true, rule.getBandwidths().capacity(0), rule.getBandwidths().window(0), 0, 0, 0,
				StoreStatus.UNAVAILABLE, null);
	}

	/**
	 * The outcome of a limit whose store failed and whose policy rejects requests.
	 * @param rule the limit
	 * @param nanosToRetry when to retry
	 * @return a rejecting outcome marked as a store failure
	 */
	public static LimitOutcome failedClosed(RateLimitRule rule, long nanosToRetry) {
		return new LimitOutcome(rule, false, rule.getBandwidths().capacity(0), rule.getBandwidths().window(0), 0, 0,
				nanosToRetry, StoreStatus.UNAVAILABLE, null);
	}

	/**
	 * This outcome, marked as decided by this instance's own buckets because the
	 * store failed.
	 * @return a copy marked as a local fallback
	 */
	public LimitOutcome asLocalFallback() {
		return new LimitOutcome(this.rule, this.conforming, this.limit, this.window, this.remaining, this.nanosToReset,
				this.nanosToRetry, StoreStatus.LOCAL_FALLBACK, this.plan);
	}

	/**
	 * This outcome, marked with the plan of the request's key.
	 * @param plan the plan's name
	 * @return a copy with the plan
	 */
	LimitOutcome withPlan(String plan) {
		return new LimitOutcome(this.rule, this.conforming, this.limit, this.window, this.remaining, this.nanosToReset,
				this.nanosToRetry, this.store, plan);
	}

	/**
	 * Whether the numbers of this outcome describe a real bucket.
	 * @return {@code false} when the store was unavailable and no bucket was asked
	 */
	public boolean hasBucket() {
		return this.store != StoreStatus.UNAVAILABLE;
	}

	/**
	 * This outcome after the request's tokens were given back.
	 * @return a copy with the cost added back to the remaining tokens
	 */
	LimitOutcome refunded() {
		return new LimitOutcome(this.rule, this.conforming, this.limit, this.window,
				Math.min(this.limit, this.remaining + this.rule.getCost()), this.nanosToReset, this.nanosToRetry,
				this.store, this.plan);
	}

	/**
	 * Whether this outcome rejects the request: not conforming and enforced. A
	 * limit in shadow mode never rejects, not even when its store fails.
	 * @return whether the request must be rejected because of this limit
	 */
	public boolean rejects() {
		return !this.conforming && this.rule.getMode() == LimitMode.ENFORCE;
	}

	/**
	 * This limit's own verdict, as counted in metrics.
	 * @return allowed, rejected, shadow-rejected, or error when the store failed
	 */
	public Outcome outcome() {
		if (this.store != StoreStatus.ANSWERED) {
			return Outcome.ERROR;
		}
		if (this.conforming) {
			return Outcome.ALLOWED;
		}
		return (this.rule.getMode() == LimitMode.ENFORCE) ? Outcome.REJECTED : Outcome.SHADOW_REJECTED;
	}

}
