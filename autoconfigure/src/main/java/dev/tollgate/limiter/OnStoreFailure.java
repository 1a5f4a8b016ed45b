package dev.tollgate.limiter;

/**
 * What a request gets when the shared store (Redis) cannot be asked.
 */
public enum OnStoreFailure {

	/** Fail open: let the request through, unlimited, while the store is down. */
	ALLOW,

	/** Fail closed: reject the request with the configured status (503 by default). */
	DENY,

	/**
	 * Count the request in this instance's own in-memory buckets: limits keep
	 * working, each instance allowing the full limit on its own.
	 */
	LOCAL

}
