package dev.tollgate.store;

import dev.tollgate.rule.Bandwidths;
import dev.tollgate.rule.RateLimitRule;
import org.jspecify.annotations.Nullable;

/**
 * Where buckets live: one bucket per limit and key.
 */
public interface BucketStore {

	/**
	 * The bucket of one key under one limit, created full on first use, with the
	 * given bandwidths: a bucket made with other bandwidths (the key changed plan, or
	 * the limit was retuned) takes them, keeping the tokens it has used.
	 * @param rule the limit
	 * @param key the key, already resolved (and hashed where it is a credential)
	 * @param bandwidths the bandwidths the bucket must have
	 * @param version the configuration's version: a shared store keeps the newer of
	 * this and what it holds
	 * @return the bucket
	 */
	TokenBucket bucket(RateLimitRule rule, String key, Bandwidths bandwidths, long version);

	/**
	 * Whether the buckets live in another process, so that each operation is a
	 * network round trip: the limiter then starts all of a request's limits before
	 * awaiting any answer ({@link TokenBucket#tryConsumeAsync}), and times its
	 * decisions. A store is taken to be remote unless it says otherwise.
	 * @return {@code true} unless the buckets are in this JVM's memory
	 */
	default boolean isRemote() {
		return true;
	}

	/**
	 * Whether the buckets outlive this process or are seen by other instances, as on
	 * Redis: a key must then be the same for the same client on every instance and
	 * after a restart, so credentials are hashed without a secret of this process's
	 * own ({@link dev.tollgate.key.Sha256KeyHasher}). A store is taken to be shared
	 * unless it says otherwise.
	 * @return {@code true} unless the buckets live and die with this process alone
	 */
	default boolean isShared() {
		return true;
	}

	/**
	 * The node that holds the bucket of one key under one limit, for a store spread
	 * over nodes that fail one at a time, as a Redis Cluster's masters do: each node
	 * gets a circuit breaker of its own, so that one node's outage leaves the buckets
	 * on the others answered by the store. The store's one node by default.
	 * @param rule the limit
	 * @param key the key, already resolved
	 * @return a name of the node, such as its {@code host:port}, or the empty string
	 * for the store's one node
	 */
	default String nodeOf(RateLimitRule rule, String key) {
		return "";
	}

	/**
	 * The bucket of one key under one limit, with the limit's own rates.
	 * @param rule the limit
	 * @param key the key, already resolved
	 * @return the bucket
	 */
	default TokenBucket bucket(RateLimitRule rule, String key) {
		Bandwidths bandwidths = rule.getBandwidths();
		return bucket(rule, key, bandwidths, bandwidths.version());
	}

	/**
	 * The bucket of one key under one limit if it exists, without creating it.
	 * @param rule the limit
	 * @param key the key, already resolved
	 * @return the bucket, or {@code null} when the key has none (it is full)
	 */
	@Nullable TokenBucket find(RateLimitRule rule, String key);

	/**
	 * Forget the bucket of one key under one limit: its next request starts full.
	 * @param rule the limit
	 * @param key the key, already resolved
	 * @return whether there was a bucket
	 */
	boolean remove(RateLimitRule rule, String key);

}
