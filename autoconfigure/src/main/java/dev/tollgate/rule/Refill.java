package dev.tollgate.rule;

/**
 * How a limit's tokens come back.
 */
public enum Refill {

	/**
	 * All tokens of a period come back at once when the period ends, so that "100
	 * per minute" behaves as a window of one minute.
	 */
	INTERVAL,

	/**
	 * Tokens come back one by one as soon as each is due, spread evenly over the
	 * period.
	 */
	GREEDY

}
