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
	 * @param elapsedNanos the time spent deciding, store latency included; {@code 0}
	 * when no listener {@link #timesDecisions() times decisions}
	 */
	void onDecision(RateLimitDecision decision, long elapsedNanos);

	/**
	 * Whether this listener uses the time spent deciding. When no listener does, the
	 * limiter does not read the clock for it.
	 * @return {@code true} unless the listener ignores {@code elapsedNanos}
	 */
	default boolean timesDecisions() {
		return true;
	}

}
