package dev.tollgate.limiter;

/**
 * Told of every decision the {@link RateLimiter} makes, for metrics and the like.
 * Called on the request thread: keep it fast and never throw.
 */
@FunctionalInterface
public interface RateLimitListener {

	/**
	 * A decision was made.
	 * @param decision the decision, with each applicable limit's outcome
	 * @param elapsedNanos the time spent deciding, store latency included
	 */
	void onDecision(RateLimitDecision decision, long elapsedNanos);

}
