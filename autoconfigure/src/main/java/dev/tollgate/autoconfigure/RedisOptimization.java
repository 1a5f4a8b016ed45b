package dev.tollgate.autoconfigure;

/**
 * Bucket4j optimizations for the Redis store, trading accuracy for round trips.
 */
public enum RedisOptimization {

	/** Every request synchronizes with Redis: exact across instances. */
	NONE,

	/**
	 * Concurrent requests on one key of one instance are combined into one round trip;
	 * still exact.
	 */
	BATCHING,

	/**
	 * Requests consume locally and synchronize with Redis every few tokens or
	 * milliseconds: fewer round trips, but instances may together admit up to the
	 * unsynchronized tokens more than the limit.
	 */
	DELAYING

}
