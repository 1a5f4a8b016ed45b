package dev.tollgate.store;

import java.util.Arrays;

import dev.tollgate.key.KeyFingerprint;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.ConsumptionProbe;
import org.jspecify.annotations.Nullable;

/**
 * A key's bucket in a {@link BucketTable}: the key's fingerprint and the configuration
 * the bucket must have. Each operation finds the row under its segment's monitor,
 * making it when the bucket is to change and has none (a missing row is a full
 * bucket), and applies Bucket4j's arithmetic to it in place.
 */
final class TableBucket implements TokenBucket, KeyFingerprint.Sink {

	/**
	 * The configuration of a bucket made to look a key up: none until it takes its row's
	 * ({@link #adoptRow()}). Only {@link #adoptRow()} and {@link #remove()} may be called
	 * before.
	 */
	private static final int UNKNOWN = -1;

	private final BucketTable table;

	/** The index in the table of the configuration the bucket must have when it changes. */
	private int configuration;

	private long first;

	private long second;

	private BucketTable.Segment segment;

	/**
	 * A key's bucket, to look it up or remove it: see {@link #adoptRow()}.
	 */
	TableBucket(BucketTable table, KeyFingerprint fingerprint, String key) {
		this(table, fingerprint, key, UNKNOWN);
	}

	TableBucket(BucketTable table, KeyFingerprint fingerprint, String key, int configuration) {
		this.table = table;
		this.configuration = configuration;
		fingerprint.of(key, this);
	}

	@Override
	public void fingerprint(long first, long second) {
		this.first = first;
		// all zeros marks a free row: shift the one fingerprint in 2^128 that has them
		this.second = (first == 0 && second == 0) ? 1 : second;
		this.segment = this.table.segment(first);
	}

	/**
	 * Take the configuration the key's row has, if it has one and is not idle.
	 * @return whether the key has a bucket that is not full for being idle
	 */
	boolean adoptRow() {
		synchronized (this.segment) {
			int row = this.table.find(this.segment, this.first, this.second);
			if (!isLive(row, this.table.timeMeter().currentTimeNanos())) {
				return false;
			}
			this.configuration = (int) this.segment.rows[row + BucketTable.META];
			return true;
		}
	}

	/**
	 * Forget the key's row, if any.
	 * @return whether the key had a bucket that was not full for being idle, as
	 * {@link #adoptRow()} would have found
	 */
	boolean remove() {
		synchronized (this.segment) {
			int row = this.table.find(this.segment, this.first, this.second);
			if (row < 0) {
				return false;
			}
			boolean live = isLive(row, this.table.timeMeter().currentTimeNanos());
			this.table.delete(this.segment, row);
			return live;
		}
	}

	@Override
	public ConsumptionProbe tryConsume(long tokens, long @Nullable [] available) {
		BucketTable.Segment segment = this.segment;
		synchronized (segment) {
			long now = this.table.timeMeter().currentTimeNanos();
			int row = changedRow(now);
			long[] rows = segment.rows;
			int at = row + BucketTable.STATE;
			Bandwidth[] bandwidths = bandwidths(rows, row);
			long availableTokens = BucketArithmetic.availableTokens(rows, at, bandwidths.length);
			ConsumptionProbe probe;
			if (tokens > availableTokens) {
				probe = ConsumptionProbe.rejected(availableTokens,
						BucketArithmetic.nanosToConsume(rows, at, bandwidths, tokens, now),
						BucketArithmetic.nanosToFull(rows, at, bandwidths, now));
			}
			else {
				BucketArithmetic.consume(rows, at, bandwidths.length, tokens);
				probe = ConsumptionProbe.consumed(availableTokens - tokens,
						BucketArithmetic.nanosToFull(rows, at, bandwidths, now));
			}
			if (available != null) {
				for (int i = 0; i < available.length; i++) {
					available[i] = BucketArithmetic.tokens(rows, at, i);
				}
			}
			return probe;
		}
	}

	@Override
	public void addTokens(long tokens) {
		synchronized (this.segment) {
			int found = this.table.find(this.segment, this.first, this.second);
			// a missing row is a full bucket: nothing to give back
			if (found >= 0) {
				long now = this.table.timeMeter().currentTimeNanos();
				int row = changed(this.table.found(this.segment, found, this.configuration, now), now);
				long[] rows = this.segment.rows;
				BucketArithmetic.addTokens(rows, row + BucketTable.STATE, bandwidths(rows, row), tokens);
			}
		}
	}

	@Override
	public long availableTokens() {
		return read(false);
	}

	@Override
	public long nanosToFull() {
		return read(true);
	}

	/** A read leaves the row as it is: it refills a copy (a missing row is a full bucket). */
	private long read(boolean nanosToFull) {
		synchronized (this.segment) {
			long now = this.table.timeMeter().currentTimeNanos();
			int row = this.table.find(this.segment, this.first, this.second);
			Bandwidth[] bandwidths;
			long[] data;
			if (!isLive(row, now)) {
				bandwidths = this.table.configuration(this.configuration).getBandwidths();
				data = new long[bandwidths.length * BucketArithmetic.BANDWIDTH_SIZE];
				BucketArithmetic.initialize(data, 0, bandwidths, now);
			}
			else {
				long[] rows = this.segment.rows;
				bandwidths = bandwidths(rows, row);
				int at = row + BucketTable.STATE;
				data = Arrays.copyOfRange(rows, at, at + bandwidths.length * BucketArithmetic.BANDWIDTH_SIZE);
				BucketArithmetic.refill(data, 0, bandwidths, now);
			}
			return nanosToFull ? BucketArithmetic.nanosToFull(data, 0, bandwidths, now)
					: BucketArithmetic.availableTokens(data, 0, bandwidths.length);
		}
	}

	/**
	 * Whether a row that {@code find} answered is a bucket: a missing row, or one idle
	 * for its whole period, is a full bucket.
	 */
	private boolean isLive(int row, long now) {
		return row >= 0 && !this.table.isIdle(this.segment.rows, row, now);
	}

	/**
	 * The row about to change, made if missing, with this bucket's configuration,
	 * refilled to now and marked as used now.
	 */
	private int changedRow(long now) {
		return changed(this.table.row(this.segment, this.first, this.second, this.configuration, now), now);
	}

	/** A row about to change, refilled to now and marked as used now. */
	private int changed(int row, long now) {
		long[] rows = this.segment.rows;
		BucketArithmetic.refill(rows, row + BucketTable.STATE, bandwidths(rows, row), now);
		rows[row + BucketTable.LAST_USE] = now;
		return row;
	}

	private Bandwidth[] bandwidths(long[] rows, int row) {
		return this.table.configuration((int) rows[row + BucketTable.META]).getBandwidths();
	}

}
