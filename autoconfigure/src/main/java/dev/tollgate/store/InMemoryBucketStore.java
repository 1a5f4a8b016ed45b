package dev.tollgate.store;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.RemovalCause;

import dev.tollgate.rule.Bandwidths;
import dev.tollgate.rule.Plan;
import dev.tollgate.rule.RateLimitRule;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import org.jspecify.annotations.Nullable;

/**
 * Keeps buckets (Bucket4j bucket state, about 90 bytes) in bounded Caffeine caches, one
 * per limit, keyed by the key itself. A bucket left untouched for its limit's longest
 * period is full again, so it may be dropped then: recreating it later loses nothing.
 * When a limit or one of its plans is retuned to a longer period, its buckets are kept
 * that much longer from the first request with the new rates. When more keys are
 * tracked than the maximum, Caffeine evicts by recency and frequency (W-TinyLFU): a
 * flood of one-off keys is evicted before the keys clients keep using. An evicted key
 * that comes back starts with a full bucket, so under a flood larger than the maximum
 * a limit can admit more than it should for the keys that were evicted.
 * <p>
 * Most reads are quiet: recording a read with Caffeine (its access time, its read
 * buffer, and the frequency sketch and access order its maintenance then updates) cost
 * more than the rest of the decision with a million keys. A bucket's read is recorded
 * once half a period has passed since the last recorded one, and every 64th time in
 * between, so that keys in use stay the frequent ones. Buckets therefore expire one and
 * a half periods after their last recorded read, at least a whole period after their
 * last use: a bucket is never dropped before it is full, and an idle one is dropped
 * between one and one and a half periods after its last use.
 */
public final class InMemoryBucketStore implements BucketStore {

	/** At most this many reads of a bucket in a row are not recorded with the cache. */
	private static final int READS_PER_RECORDED_READ = 64;

	private final Map<RateLimitRule, LimitBuckets> buckets = new ConcurrentHashMap<>();

	private final TimeMeter timeMeter;

	private final long maximumKeys;

	private final LongAdder evictions = new LongAdder();

	/**
	 * Create a new store.
	 * @param maximumKeys the most buckets kept at once for each limit
	 * @param timeMeter the clock buckets refill by
	 */
	public InMemoryBucketStore(long maximumKeys, TimeMeter timeMeter) {
		this.timeMeter = timeMeter;
		this.maximumKeys = maximumKeys;
	}

	@Override
	public TokenBucket bucket(RateLimitRule rule, String key, Bandwidths bandwidths, long version) {
		LimitBuckets limitBuckets = bucketsOf(rule);
		limitBuckets.keepUntilRefilled(bandwidths);
		Cache<String, LocalTokenBucket> buckets = limitBuckets.cache;
		BucketConfiguration configuration = bandwidths.configuration();
		LocalTokenBucket bucket = limitBuckets.policy.getIfPresentQuietly(key);
		if (bucket == null) {
			return buckets.get(key, (missing) -> new LocalTokenBucket(configuration, this.timeMeter));
		}
		if (bucket.recordsRead(this.timeMeter.currentTimeNanos(), limitBuckets.readRecordingInterval(),
				READS_PER_RECORDED_READ)) {
			limitBuckets.recordRead(key);
		}
		bucket.ensureConfiguration(configuration);
		return bucket;
	}

	/** Buckets in this JVM's memory answer at once: decisions are not worth timing. */
	@Override
	public boolean isRemote() {
		return false;
	}

	@Override
	public @Nullable TokenBucket find(RateLimitRule rule, String key) {
		return bucketsOf(rule).cache.getIfPresent(key);
	}

	@Override
	public boolean remove(RateLimitRule rule, String key) {
		return bucketsOf(rule).cache.asMap().remove(key) != null;
	}

	private LimitBuckets bucketsOf(RateLimitRule rule) {
		LimitBuckets buckets = this.buckets.get(rule);
		return (buckets != null) ? buckets : this.buckets.computeIfAbsent(rule, this::newBuckets);
	}

	/**
	 * One cache per limit, keyed by the key itself. Every bucket of a limit is full
	 * again once untouched for the longest period of the limit's plans; reads are
	 * recorded at least every half of that, so entries expire after one and a half of
	 * it. Maintenance runs on the calling thread, in small amortized steps, rather than
	 * waking a pool thread.
	 */
	private LimitBuckets newBuckets(RateLimitRule rule) {
		long timeToRefill = timeToRefill(rule).toNanos();
		Cache<String, LocalTokenBucket> cache = Caffeine.newBuilder()
			.maximumSize(this.maximumKeys)
			.expireAfterAccess(LimitBuckets.expiry(timeToRefill), TimeUnit.NANOSECONDS)
			.ticker(this.timeMeter::currentTimeNanos)
			.executor(Runnable::run)
			.evictionListener((String key, LocalTokenBucket bucket, RemovalCause cause) -> {
				if (cause == RemovalCause.SIZE) {
					this.evictions.increment();
				}
			})
			.build();
		return new LimitBuckets(cache, timeToRefill);
	}

	private static Duration timeToRefill(RateLimitRule rule) {
		Duration longest = rule.getBandwidths().timeToRefill();
		for (Plan plan : rule.getPlans().values()) {
			if (!plan.isUnlimited() && plan.getBandwidths().timeToRefill().compareTo(longest) > 0) {
				longest = plan.getBandwidths().timeToRefill();
			}
		}
		return longest;
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
	 * The most keys this store tracks at once for each limit.
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
		long size = 0;
		for (LimitBuckets buckets : this.buckets.values()) {
			size += buckets.cache.estimatedSize();
		}
		return size;
	}

	/**
	 * Drop expired buckets now rather than on the cache's own schedule.
	 */
	public void cleanUp() {
		this.buckets.values().forEach((buckets) -> buckets.cache.cleanUp());
	}

	/**
	 * One limit's buckets, and how long an untouched one is kept: the longest time
	 * any configuration the limit has had takes to refill. It only grows, so a
	 * retune to a longer period never drops a bucket that is not full yet.
	 */
	private static final class LimitBuckets {

		final Cache<String, LocalTokenBucket> cache;

		final Policy<String, LocalTokenBucket> policy;

		private volatile long keptNanos;

		LimitBuckets(Cache<String, LocalTokenBucket> cache, long keptNanos) {
			this.cache = cache;
			this.policy = cache.policy();
			this.keptNanos = keptNanos;
		}

		/** The most time between two recorded reads of a bucket: half a period. */
		long readRecordingInterval() {
			return this.keptNanos / 2;
		}

		/**
		 * How long after its last recorded read an entry expires: its last use came
		 * at most half a period later, and it is full a period after that.
		 */
		static long expiry(long keptNanos) {
			return keptNanos + keptNanos / 2;
		}

		/** A read Caffeine sees: its access time, frequency and order are updated. */
		void recordRead(String key) {
			this.cache.getIfPresent(key);
		}

		void keepUntilRefilled(Bandwidths bandwidths) {
			if (bandwidths.timeToRefillNanos() > this.keptNanos) {
				keepLonger(bandwidths.timeToRefillNanos());
			}
		}

		private synchronized void keepLonger(long nanos) {
			if (nanos > this.keptNanos) {
				this.policy.expireAfterAccess()
					.ifPresent((access) -> access.setExpiresAfter(expiry(nanos), TimeUnit.NANOSECONDS));
				this.keptNanos = nanos;
			}
		}

	}

}
