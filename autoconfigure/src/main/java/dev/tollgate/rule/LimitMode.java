package dev.tollgate.rule;

/**
 * What a limit does when it is exhausted.
 */
public enum LimitMode {

	/** Reject requests once the limit is exhausted. */
	ENFORCE,

	/**
	 * Count requests and send headers, but never reject: for trying a limit in
	 * production before enforcing it.
	 */
	SHADOW

}
