package dev.tollgate.limiter;

import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.store.BucketStore;

/**
 * Stands between the limiter and a remote store: runs each limit's store call and
 * decides what a failure means (allow, deny, or count locally), typically with a
 * circuit breaker so that an outage does not cost a timeout on every request.
 */
@FunctionalInterface
public interface StoreGuard {

	/**
	 * Run one limit's consumption.
	 * @param rule the limit
	 * @param store the store the limiter was given
	 * @param call the consumption, to run against that store or another
	 * @return the limit's outcome, marked {@link LimitOutcome#storeFailed()} when the
	 * store could not answer
	 */
	LimitOutcome consume(RateLimitRule rule, BucketStore store, StoreCall call);

	/**
	 * One limit's consumption against a store.
	 */
	@FunctionalInterface
	interface StoreCall {

		/**
		 * Consume from a store.
		 * @param store the store
		 * @return the outcome
		 */
		LimitOutcome apply(BucketStore store);

	}

}
