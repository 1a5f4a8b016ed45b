package dev.tollgate.store;

import dev.tollgate.rule.RateLimitRule;
import io.github.bucket4j.Bucket;

/**
 * Where buckets live: one bucket per limit and key.
 */
@FunctionalInterface
public interface BucketStore {

	/**
	 * The bucket of one key under one limit, created full on first use.
	 * @param rule the limit
	 * @param key the key, already resolved (and hashed where it is a credential)
	 * @return the bucket
	 */
	Bucket bucket(RateLimitRule rule, String key);

}
