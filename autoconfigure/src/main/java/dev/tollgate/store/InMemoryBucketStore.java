package dev.tollgate.store;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import dev.tollgate.key.KeyFingerprint;
import dev.tollgate.rule.Bandwidths;
import dev.tollgate.rule.Plan;
import dev.tollgate.rule.RateLimitRule;
import io.github.bucket4j.TimeMeter;
import org.jspecify.annotations.Nullable;

/**
 * Keeps buckets in memory, one {@link BucketTable} per limit: each bucket is a row of
 * numbers in a flat array, found by a fingerprint of its key ({@link KeyFingerprint},
 * a keyed 128-bit hash: no key is held in clear), with Bucket4j's arithmetic applied in
 * place. A lookup is one access to memory, where a map of objects takes several; a
 * tracked key costs a row of 56 bytes for a one-rate limit, about 115 with the table's
 * free rows, where a map entry, the key and a Bucket4j state cost over 220.
 * <p>
 * A bucket left untouched for its limit's longest period is full again, so it may be
 * dropped then: recreating it later loses nothing. Such buckets are dropped when their
 * segment of the table would grow, when room is needed, and by {@link #cleanUp()}.
 * When a limit or one of its plans is retuned to a longer period, its buckets are kept
 * that much longer. When a limit tracks its maximum of keys, a new key takes the place
 * of an idle one, or else of one not used again since the table's eviction hand last
 * passed it: a flood of one-off keys is evicted before the keys clients keep using. An
 * evicted key that comes back starts with a full bucket, so under a flood larger than
 * the maximum a limit can admit more than it should for the keys that were evicted.
 */
public final class InMemoryBucketStore implements BucketStore {

	private final Map<RateLimitRule, BucketTable> tables = new ConcurrentHashMap<>();

	private final KeyFingerprint fingerprint = new KeyFingerprint();

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
		BucketTable table = tableOf(rule);
		table.keepAtLeast(bandwidths.timeToRefillNanos());
		return new TableBucket(table, this.fingerprint, key, table.indexOf(bandwidths.configuration()));
	}

	/** Buckets in this JVM's memory answer at once: decisions are not worth timing. */
	@Override
	public boolean isRemote() {
		return false;
	}

	/** The buckets live and die with this process: no one else needs the same keys. */
	@Override
	public boolean isShared() {
		return false;
	}

	@Override
	public @Nullable TokenBucket find(RateLimitRule rule, String key) {
		TableBucket bucket = new TableBucket(tableOf(rule), this.fingerprint, key);
		return bucket.adoptRow() ? bucket : null;
	}

	@Override
	public boolean remove(RateLimitRule rule, String key) {
		return new TableBucket(tableOf(rule), this.fingerprint, key).remove();
	}

	private BucketTable tableOf(RateLimitRule rule) {
		BucketTable table = this.tables.get(rule);
		return (table != null) ? table : this.tables.computeIfAbsent(rule, this::newTable);
	}

	private BucketTable newTable(RateLimitRule rule) {
		return new BucketTable(this.maximumKeys, timeToRefill(rule).toNanos(), this.timeMeter, this.evictions);
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
	 * @return the number of buckets in memory
	 */
	public long size() {
		long size = 0;
		for (BucketTable table : this.tables.values()) {
			size += table.size();
		}
		return size;
	}

	/**
	 * Drop the buckets idle long enough to be full now rather than when room is needed.
	 */
	public void cleanUp() {
		this.tables.values().forEach(BucketTable::cleanUp);
	}

}
