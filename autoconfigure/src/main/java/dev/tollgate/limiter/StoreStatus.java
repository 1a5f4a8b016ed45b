package dev.tollgate.limiter;

/**
 * How the store took part in one limit's outcome.
 */
public enum StoreStatus {

	/** The store answered: the outcome describes the shared bucket. */
	ANSWERED,

	/**
	 * The store failed and the limit was counted in this instance's own buckets: the
	 * outcome describes a local bucket.
	 */
	LOCAL_FALLBACK,

	/**
	 * The store failed and the failure policy allowed or denied the request: the
	 * outcome describes no bucket.
	 */
	UNAVAILABLE

}
