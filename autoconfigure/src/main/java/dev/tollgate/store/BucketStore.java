package dev.tollgate.store;

import dev.tollgate.rule.RateLimitRule;
import io.github.bucket4j.Bucket;
import org.jspecify.annotations.Nullable;

/**
 * Where buckets live: one bucket per limit and key.
 */
public interface BucketStore {

	/**
	 * The bucket of one key under one limit, created full on first use.
	 * @param rule the limit
	 * @param key the key, already resolved (and hashed where it is a credential)
	 * @return the bucket
	 */
	Bucket bucket(RateLimitRule rule, String key);

	/**
	 * The bucket of one key under one limit if it exists, without creating it.
	 * @param rule the limit
	 * @param key the key, already resolved
	 * @return the bucket, or {@code null} when the key has none (it is full)
	 */
	@Nullable Bucket find(RateLimitRule rule, String key);

	/**
	 * Forget the bucket of one key under one limit: its next request starts full.
	 * @param rule the limit
	 * @param key the key, already resolved
	 * @return whether there was a bucket
	 */
	boolean remove(RateLimitRule rule, String key);

}
