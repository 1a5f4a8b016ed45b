package dev.tollgate.store;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.BucketState64BitsInteger;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;
import org.jspecify.annotations.Nullable;

/**
 * A bucket in memory: Bucket4j's own state and arithmetic, without the views a
 * Bucket4j {@code LocalBucket} builds for every instance, so that a tracked key costs
 * little memory. Changes happen under the object's own monitor, mutating the state
 * in place: nothing is allocated per request but Bucket4j's probe.
 * <p>
 * The bucket <em>is</em> its Bucket4j state (it extends {@code BucketState64BitsInteger},
 * the state {@code BucketState.createInitialState} makes for 64-bit arithmetic) rather
 * than holding one: one object per key instead of two, 16 bytes less, and one object
 * fewer for a lookup to reach. The state's own methods are not synchronized: only the
 * store uses this class, and only through {@link TokenBucket} and the methods below.
 */
final class LocalTokenBucket extends BucketState64BitsInteger implements TokenBucket {

	private final TimeMeter timeMeter;

	/** When the store last told its cache of a read of this bucket. */
	private long readRecordedAt;

	/** Reads since then. */
	private int readsNotRecorded;

	LocalTokenBucket(BucketConfiguration configuration, TimeMeter timeMeter) {
		this(configuration, timeMeter, timeMeter.currentTimeNanos());
	}

	private LocalTokenBucket(BucketConfiguration configuration, TimeMeter timeMeter, long now) {
		super(configuration, now);
		this.timeMeter = timeMeter;
		this.readRecordedAt = now;
	}

	@Override
	public synchronized ConsumptionProbe tryConsume(long tokens, long @Nullable [] available) {
		long now = this.timeMeter.currentTimeNanos();
		refillAllBandwidth(now);
		long availableTokens = getAvailableTokens();
		ConsumptionProbe probe;
		if (tokens > availableTokens) {
			probe = ConsumptionProbe.rejected(availableTokens,
					calculateDelayNanosAfterWillBePossibleToConsume(tokens, now, true),
					calculateFullRefillingTime(now));
		}
		else {
			consume(tokens);
			probe = ConsumptionProbe.consumed(availableTokens - tokens, calculateFullRefillingTime(now));
		}
		if (available != null) {
			for (int i = 0; i < available.length; i++) {
				available[i] = getCurrentSize(i);
			}
		}
		return probe;
	}

	/**
	 * Give tokens back, up to the capacity. Unlike the state's own {@code addTokens},
	 * which this overrides (Bucket4j's state never calls it on itself), it refills
	 * first, under the monitor.
	 * @param tokens the tokens to give back
	 */
	@Override
	public synchronized void addTokens(long tokens) {
		refillAllBandwidth(this.timeMeter.currentTimeNanos());
		super.addTokens(tokens);
	}

	@Override
	public synchronized long availableTokens() {
		refillAllBandwidth(this.timeMeter.currentTimeNanos());
		return getAvailableTokens();
	}

	@Override
	public synchronized long nanosToFull() {
		long now = this.timeMeter.currentTimeNanos();
		refillAllBandwidth(now);
		return calculateFullRefillingTime(now);
	}

	/**
	 * Take another configuration unless it already has it, keeping the tokens used.
	 * @param configuration the configuration the bucket must have
	 */
	void ensureConfiguration(BucketConfiguration configuration) {
		if (getConfiguration() == configuration) {
			return;
		}
		synchronized (this) {
			if (getConfiguration() != configuration) {
				long now = this.timeMeter.currentTimeNanos();
				refillAllBandwidth(now);
				copyStateFrom(replaceConfiguration(configuration, TokensInheritanceStrategy.ADDITIVE, now));
			}
		}
	}

	/**
	 * Whether a read of this bucket is to be recorded with the cache: the first read
	 * after {@code interval} has passed since the last one recorded, and every
	 * {@code every}-th read. The fields are read and written without a lock: a race
	 * at worst records one read more, or one later, than needed.
	 * @param now the time now
	 * @param interval the most time between two recorded reads
	 * @param every the most reads between two recorded ones
	 * @return whether to record this read
	 */
	boolean recordsRead(long now, long interval, int every) {
		if (now - this.readRecordedAt >= interval || ++this.readsNotRecorded >= every) {
			this.readRecordedAt = now;
			this.readsNotRecorded = 0;
			return true;
		}
		return false;
	}

}
