package dev.tollgate.store;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.BucketState;
import io.github.bucket4j.ConsumptionProbe;
import org.jspecify.annotations.Nullable;
import io.github.bucket4j.MathType;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;

/**
 * A bucket in memory: Bucket4j's own state and arithmetic, without the views a
 * Bucket4j {@code LocalBucket} builds for every instance, so that a tracked key costs
 * little memory. Changes happen under the object's own monitor, mutating the state
 * in place: nothing is allocated per request but Bucket4j's probe.
 */
final class LocalTokenBucket implements TokenBucket {

	private final TimeMeter timeMeter;

	private BucketState state;

	/** When the store last told its cache of a read of this bucket. */
	private long readRecordedAt;

	/** Reads since then. */
	private int readsNotRecorded;

	LocalTokenBucket(BucketConfiguration configuration, TimeMeter timeMeter) {
		this.timeMeter = timeMeter;
		long now = timeMeter.currentTimeNanos();
		this.state = BucketState.createInitialState(configuration, MathType.INTEGER_64_BITS, now);
		this.readRecordedAt = now;
	}

	@Override
	public synchronized ConsumptionProbe tryConsume(long tokens, long @Nullable [] available) {
		long now = this.timeMeter.currentTimeNanos();
		BucketState state = this.state;
		state.refillAllBandwidth(now);
		long availableTokens = state.getAvailableTokens();
		ConsumptionProbe probe;
		if (tokens > availableTokens) {
			probe = ConsumptionProbe.rejected(availableTokens,
					state.calculateDelayNanosAfterWillBePossibleToConsume(tokens, now, true),
					state.calculateFullRefillingTime(now));
		}
		else {
			state.consume(tokens);
			probe = ConsumptionProbe.consumed(availableTokens - tokens, state.calculateFullRefillingTime(now));
		}
		if (available != null) {
			for (int i = 0; i < available.length; i++) {
				available[i] = state.getCurrentSize(i);
			}
		}
		return probe;
	}

	@Override
	public synchronized void addTokens(long tokens) {
		this.state.refillAllBandwidth(this.timeMeter.currentTimeNanos());
		this.state.addTokens(tokens);
	}

	@Override
	public synchronized long availableTokens() {
		this.state.refillAllBandwidth(this.timeMeter.currentTimeNanos());
		return this.state.getAvailableTokens();
	}

	@Override
	public synchronized long nanosToFull() {
		long now = this.timeMeter.currentTimeNanos();
		this.state.refillAllBandwidth(now);
		return this.state.calculateFullRefillingTime(now);
	}

	/**
	 * Take another configuration unless it already has it, keeping the tokens used.
	 * @param configuration the configuration the bucket must have
	 */
	void ensureConfiguration(BucketConfiguration configuration) {
		if (this.state.getConfiguration() == configuration) {
			return;
		}
		synchronized (this) {
			if (this.state.getConfiguration() != configuration) {
				long now = this.timeMeter.currentTimeNanos();
				this.state.refillAllBandwidth(now);
				this.state = this.state.replaceConfiguration(configuration, TokensInheritanceStrategy.ADDITIVE, now);
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

	/**
	 * The configuration's refill periods, the longest of which is the time an idle
	 * bucket takes to be full again.
	 * @return the current configuration
	 */
	BucketConfiguration configuration() {
		return this.state.getConfiguration();
	}

}
