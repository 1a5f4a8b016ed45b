package dev.tollgate;

import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.store.BucketStore;
import dev.tollgate.store.TokenBucket;
import org.jspecify.annotations.Nullable;

/**
 * A store for tests that forwards to another, for a test store that changes only how
 * buckets are made (failing on demand, say). Taken to be remote and shared, as a store
 * of the application's own is unless it says otherwise, so that it gets the circuit
 * breaker and the failure policy.
 */
public abstract class ForwardingBucketStore implements BucketStore {

	protected final BucketStore delegate;

	protected ForwardingBucketStore(BucketStore delegate) {
		this.delegate = delegate;
	}

	@Override
	public @Nullable TokenBucket find(RateLimitRule rule, String key) {
		return this.delegate.find(rule, key);
	}

	@Override
	public boolean remove(RateLimitRule rule, String key) {
		return this.delegate.remove(rule, key);
	}

}
