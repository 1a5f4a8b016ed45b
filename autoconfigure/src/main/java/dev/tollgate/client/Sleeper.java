package dev.tollgate.client;

import java.time.Duration;

/**
 * Waits. Replaced in tests so that a retry after {@code Retry-After: 60} does not take
 * a minute.
 */
@FunctionalInterface
public interface Sleeper {

	/** Sleeps on the current thread. */
	Sleeper THREAD = (duration) -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);

	/**
	 * Wait.
	 * @param duration how long
	 * @throws InterruptedException if the thread is interrupted while waiting
	 */
	void sleep(Duration duration) throws InterruptedException;

}
