package dev.tollgate.store;

import java.util.concurrent.atomic.LongAdder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;

import dev.tollgate.rule.Bandwidths;
import dev.tollgate.rule.RateLimitRule;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.local.LocalBucket;
import org.jspecify.annotations.Nullable;

/**
 * Keeps Bucket4j local buckets in a bounded Caffeine cache. A bucket left untouched
 * for its limit's longest period is full again, so it is dropped then: recreating it
 * later loses nothing. When more keys are tracked than the maximum, Caffeine evicts
 * by recency and frequency (W-TinyLFU): a flood of one-off keys is evicted before
 * the keys clients keep using. An evicted key that comes back starts with a full
 * bucket, so under a flood larger than the maximum a limit can admit more than it
 * should for the keys that were evicted.
 */
public final class InMemoryBucketStore implements BucketStore {

	private final Cache<BucketId, LocalBucket> buckets;

	private final TimeMeter timeMeter;

	private final long maximumKeys;

	private final LongAdder evictions = new LongAdder();

	/**
	 * Create a new store.
	 * @param maximumKeys the most buckets kept at once, across all limits
	 * @param timeMeter the clock buckets refill by
	 */
	public InMemoryBucketStore(long maximumKeys, TimeMeter timeMeter) {
		this.timeMeter = timeMeter;
		this.maximumKeys = maximumKeys;
		this.buckets = Caffeine.newBuilder()
			.maximumSize(maximumKeys)
			.expireAfter(new IdleUntilFull())
			.ticker(timeMeter::currentTimeNanos)
			.evictionListener((BucketId id, LocalBucket bucket, RemovalCause cause) -> {
				if (cause == RemovalCause.SIZE) {
					this.evictions.increment();
				}
			})
			.build();
	}

	@Override
	public Bucket bucket(RateLimitRule rule, String key, Bandwidths bandwidths, long version) {
		BucketId id = new BucketId(rule, key);
		BucketConfiguration configuration = bandwidths.configuration();
		LocalBucket bucket = this.buckets.getIfPresent(id);
		if (bucket == null) {
			return this.buckets.get(id, (missing) -> newBucket(configuration));
		}
		if (bucket.getConfiguration() != configuration) {
			bucket.replaceConfiguration(configuration, TokensInheritanceStrategy.ADDITIVE);
		}
		return bucket;
	}

	@Override
	public @Nullable Bucket find(RateLimitRule rule, String key) {
		return this.buckets.getIfPresent(new BucketId(rule, key));
	}

	@Override
	public boolean remove(RateLimitRule rule, String key) {
		return this.buckets.asMap().remove(new BucketId(rule, key)) != null;
	}

	private LocalBucket newBucket(BucketConfiguration configuration) {
		var builder = Bucket.builder().withCustomTimePrecision(this.timeMeter);
		for (Bandwidth bandwidth : configuration.getBandwidths()) {
			builder.addLimit(bandwidth);
		}
		return builder.build();
	}

	/**
	 * The keys forgotten because the store was full (not those dropped because they
	 * were idle long enough to be full again).
	 * @return the number of evictions since start-up
	 */
	public long evictions() {
		return this.evictions.sum();
	}

	/**
	 * The most keys this store tracks at once.
	 * @return the maximum
	 */
	public long getMaximumKeys() {
		return this.maximumKeys;
	}

	/**
	 * The number of keys tracked now, across all limits.
	 * @return the estimated number of buckets in memory
	 */
	public long size() {
		return this.buckets.estimatedSize();
	}

	/**
	 * Drop expired buckets now rather than on the cache's own schedule.
	 */
	public void cleanUp() {
		this.buckets.cleanUp();
	}

	record BucketId(RateLimitRule rule, String key) {
	}

	/**
	 * A bucket expires once untouched for its longest refill period: it is full again
	 * by then.
	 */
	private static final class IdleUntilFull implements Expiry<BucketId, LocalBucket> {

		@Override
		public long expireAfterCreate(BucketId id, LocalBucket bucket, long currentTime) {
			return timeToRefill(bucket);
		}

		@Override
		public long expireAfterUpdate(BucketId id, LocalBucket bucket, long currentTime, long currentDuration) {
			return timeToRefill(bucket);
		}

		@Override
		public long expireAfterRead(BucketId id, LocalBucket bucket, long currentTime, long currentDuration) {
			return timeToRefill(bucket);
		}

		private static long timeToRefill(LocalBucket bucket) {
			long longest = 0;
			for (Bandwidth bandwidth : bucket.getConfiguration().getBandwidths()) {
				longest = Math.max(longest, bandwidth.getRefillPeriodNanos());
			}
			return longest;
		}

	}

}
