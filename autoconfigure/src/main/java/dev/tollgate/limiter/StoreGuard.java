package dev.tollgate.limiter;

import java.util.concurrent.CompletableFuture;

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
	 * @param request the limit and the request's key under it
	 * @param store the store the limiter was given
	 * @param call the consumption, to run against that store or another
	 * @return the limit's outcome, marked {@link LimitOutcome#storeFailed()} when the
	 * store could not answer
	 */
	LimitOutcome consume(LimitRequest request, BucketStore store, StoreCall call);

	/**
	 * Start one limit's consumption, to be awaited later, so that the requests of a
	 * request's limits to a remote store travel together. By default the consumption
	 * runs at once, as {@link #consume} runs it.
	 * @param request the limit and the request's key under it
	 * @param store the store the limiter was given
	 * @param call the consumption, to run against that store or another
	 * @param startCall the same consumption, started against the given store
	 * @return the limit's outcome, once awaited
	 */
	default PendingOutcome start(LimitRequest request, BucketStore store, StoreCall call, StartedCall startCall) {
		LimitOutcome outcome = consume(request, store, call);
		return () -> outcome;
	}

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

	/**
	 * One limit's consumption, started against a store and answered later.
	 */
	@FunctionalInterface
	interface StartedCall {

		/**
		 * Start consuming from a store.
		 * @param store the store
		 * @return the outcome, once the store has answered
		 */
		CompletableFuture<LimitOutcome> apply(BucketStore store);

	}

	/**
	 * A limit's outcome that may still be on its way.
	 */
	@FunctionalInterface
	interface PendingOutcome {

		/**
		 * Wait for the outcome.
		 * @return the outcome
		 */
		LimitOutcome await();

	}

}
