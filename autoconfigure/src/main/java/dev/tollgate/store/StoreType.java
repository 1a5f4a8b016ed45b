package dev.tollgate.store;

/**
 * Where buckets are kept.
 */
public enum StoreType {

	/** In memory, on this instance only. */
	IN_MEMORY,

	/** In Redis, shared by every instance. */
	REDIS

}
