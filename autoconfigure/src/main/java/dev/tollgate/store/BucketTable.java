package dev.tollgate.store;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;

/**
 * One limit's buckets, each a row of numbers in a flat array: the key's fingerprint,
 * the time of its last use, its configuration and whether it was used again since the
 * eviction hand last passed, then three numbers per bandwidth ({@link BucketArithmetic}).
 * A lookup is one access to memory, where a map of objects takes several: the table's
 * slot, the entry, the key and its characters, the bucket and its state.
 * <p>
 * The table is split into segments, each guarded by its own monitor, found by the
 * fingerprint's first word; within a segment, rows are found by the second word with
 * linear probing, and removed by shifting the rows after them back. A segment doubles
 * when it is 70 % full, after dropping its idle rows (idle for the limit's longest
 * period: their buckets are full, so forgetting them loses nothing). Once the table
 * holds its maximum of keys, a new key first drops idle rows, in its segment and, at
 * most every quarter period, in all of them; when that is not enough it evicts a row
 * of its segment, chosen by a clock hand: the first row not used again since the hand
 * last passed it. A key used once, as in a flood of one-off keys, is therefore evicted
 * before the keys clients keep using.
 * <p>
 * A row refers to its configuration by an index into the table's list of every
 * configuration the limit has had (its rates and plans, and each retune): a key that
 * changes plan keeps the tokens it has used ({@link BucketArithmetic#replace}), and the
 * row widens when the new configuration has more rates.
 */
final class BucketTable {

	private static final int KEY_FIRST = 0;

	private static final int KEY_SECOND = 1;

	static final int LAST_USE = 2;

	static final int META = 3;

	static final int STATE = 4;

	/** In {@link #META}: used again since the eviction hand last passed. */
	private static final long REFERENCED = 1L << 32;

	private static final long CONFIGURATION = 0xffff_ffffL;

	private static final int MAXIMUM_SEGMENTS = 256;

	private static final int KEYS_PER_SEGMENT = 256;

	private static final int INITIAL_SLOTS = 8;

	private final Segment[] segments;

	private final int segmentShift;

	private final long maximumKeys;

	/** Held by the one thread dropping the idle rows of every segment. */
	private final ReentrantLock sweeping = new ReentrantLock();

	/** When the idle rows of every segment were last dropped. */
	private volatile long sweptAt = Long.MIN_VALUE / 2;

	private final AtomicLong keys = new AtomicLong();

	private final LongAdder evictions;

	private final TimeMeter timeMeter;

	/** Every configuration the rows refer to, by index; only appended to. */
	private volatile BucketConfiguration[] configurations = new BucketConfiguration[0];

	/** The longest time any configuration the limit has had takes to refill. */
	private volatile long keptNanos;

	BucketTable(long maximumKeys, long keptNanos, TimeMeter timeMeter, LongAdder evictions) {
		this.keptNanos = keptNanos;
		this.timeMeter = timeMeter;
		this.evictions = evictions;
		int count = (int) Math.min(MAXIMUM_SEGMENTS, Math.max(1, Long.highestOneBit(maximumKeys / KEYS_PER_SEGMENT)));
		this.segments = new Segment[count];
		for (int i = 0; i < count; i++) {
			this.segments[i] = new Segment();
		}
		this.segmentShift = 64 - Integer.numberOfTrailingZeros(count);
		this.maximumKeys = maximumKeys;
	}

	TimeMeter timeMeter() {
		return this.timeMeter;
	}

	Segment segment(long first) {
		return (this.segmentShift == 64) ? this.segments[0] : this.segments[(int) (first >>> this.segmentShift)];
	}

	/**
	 * The index of a configuration in the table's list, added if new.
	 * @param configuration the configuration
	 * @return its index
	 */
	int indexOf(BucketConfiguration configuration) {
		BucketConfiguration[] known = this.configurations;
		for (int i = known.length - 1; i >= 0; i--) {
			if (known[i] == configuration) {
				return i;
			}
		}
		return add(configuration);
	}

	private synchronized int add(BucketConfiguration configuration) {
		BucketConfiguration[] known = this.configurations;
		for (int i = 0; i < known.length; i++) {
			if (known[i] == configuration) {
				return i;
			}
		}
		BucketConfiguration[] more = Arrays.copyOf(known, known.length + 1);
		more[known.length] = configuration;
		this.configurations = more;
		return known.length;
	}

	BucketConfiguration configuration(int index) {
		return this.configurations[index];
	}

	/**
	 * Keep idle buckets at least this long from now on, when it is longer than before.
	 * @param nanos how long a bucket takes to be full again
	 */
	void keepAtLeast(long nanos) {
		if (nanos > this.keptNanos) {
			raiseKept(nanos);
		}
	}

	private synchronized void raiseKept(long nanos) {
		if (nanos > this.keptNanos) {
			this.keptNanos = nanos;
		}
	}

	/**
	 * The row of a key, made if missing, with the given configuration. Call with the
	 * segment's monitor held, and read {@code segment.rows} after.
	 * @return the row's start in {@code segment.rows}
	 */
	int row(Segment segment, long first, long second, int configuration, long now) {
		int row = find(segment, first, second);
		if (row < 0) {
			return insert(segment, first, second, configuration, now);
		}
		return found(segment, row, configuration, now);
	}

	/**
	 * A row {@link #find} answered, made ready to change with the given configuration:
	 * made anew if idle, reconfigured if it has another one. Call with the segment's
	 * monitor held, and read {@code segment.rows} after.
	 * @return the row's start in {@code segment.rows}, which a reconfiguration may move
	 */
	int found(Segment segment, int row, int configuration, long now) {
		long[] rows = segment.rows;
		if (isIdle(rows, row, now)) {
			// full again: the same as a new bucket, which the key would have had if the
			// row had been dropped already
			rows[row + META] = configuration | REFERENCED;
			BucketArithmetic.initialize(rows, row + STATE, this.configurations[configuration].getBandwidths(), now);
			return row;
		}
		int held = (int) (rows[row + META] & CONFIGURATION);
		if (held != configuration) {
			row = reconfigure(segment, row, held, configuration, now);
			rows = segment.rows;
		}
		rows[row + META] |= REFERENCED;
		return row;
	}

	/**
	 * Whether a row has been idle for a whole period: its bucket is full, and may be
	 * dropped or made anew.
	 */
	boolean isIdle(long[] rows, int row, long now) {
		return now - rows[row + LAST_USE] >= this.keptNanos;
	}

	/**
	 * The row of a key, or -1. Call with the segment's monitor held.
	 */
	int find(Segment segment, long first, long second) {
		long[] rows = segment.rows;
		if (rows == null) {
			return -1;
		}
		int stride = segment.stride;
		int mask = segment.mask;
		for (int slot = (int) second & mask;; slot = (slot + 1) & mask) {
			int row = slot * stride;
			if (rows[row + KEY_SECOND] == second && rows[row + KEY_FIRST] == first) {
				return row;
			}
			if (!isUsed(rows, row)) {
				return -1;
			}
		}
	}

	private int insert(Segment segment, long first, long second, int configuration, long now) {
		if (this.keys.get() >= this.maximumKeys) {
			makeRoom(segment, now);
		}
		if (segment.rows == null || (segment.size + 1) * 10L > (segment.mask + 1) * 7L) {
			grow(segment, now, width(configuration));
		}
		Bandwidth[] bandwidths = this.configurations[configuration].getBandwidths();
		if (STATE + bandwidths.length * BucketArithmetic.BANDWIDTH_SIZE > segment.stride) {
			relayout(segment, segment.mask + 1, width(configuration));
		}
		long[] rows = segment.rows;
		int row = freeRow(rows, segment.stride, segment.mask, second);
		rows[row + KEY_FIRST] = first;
		rows[row + KEY_SECOND] = second;
		rows[row + LAST_USE] = now;
		rows[row + META] = configuration;
		BucketArithmetic.initialize(rows, row + STATE, bandwidths, now);
		segment.size++;
		this.keys.incrementAndGet();
		return row;
	}

	private int width(int configuration) {
		return STATE + this.configurations[configuration].getBandwidths().length * BucketArithmetic.BANDWIDTH_SIZE;
	}

	/**
	 * Bring the table below its maximum of keys: drop idle rows, here, then in every
	 * segment (each at most every quarter period: rows only become idle as time passes),
	 * and evict a row of this segment when that is not enough (a segment without rows
	 * has none to give: the table may then hold a key more than its maximum, at most one
	 * per such segment). The one thread that sweeps every segment holds this segment's
	 * monitor while it takes the others', one at a time; no other operation holds two,
	 * so this cannot deadlock.
	 */
	private void makeRoom(Segment segment, long now) {
		long quarter = this.keptNanos / 4;
		if (now - segment.sweptAt >= quarter) {
			dropIdle(segment, now);
		}
		if (this.keys.get() >= this.maximumKeys && now - this.sweptAt >= quarter && this.sweeping.tryLock()) {
			try {
				this.sweptAt = now;
				for (Segment other : this.segments) {
					synchronized (other) {
						dropIdle(other, now);
					}
				}
			}
			finally {
				this.sweeping.unlock();
			}
		}
		if (this.keys.get() >= this.maximumKeys && segment.size > 0) {
			evictOne(segment, now);
		}
	}

	/**
	 * Make room for one more row: drop the idle rows, and double when that is not
	 * enough.
	 */
	private void grow(Segment segment, long now, int width) {
		if (segment.rows == null) {
			relayout(segment, INITIAL_SLOTS, width);
			return;
		}
		dropIdle(segment, now);
		if ((segment.size + 1) * 10L > (segment.mask + 1) * 7L) {
			relayout(segment, (segment.mask + 1) * 2, Math.max(width, segment.stride));
		}
	}

	private void relayout(Segment segment, int slots, int stride) {
		long[] old = segment.rows;
		int oldStride = segment.stride;
		segment.rows = new long[slots * stride];
		segment.stride = stride;
		segment.mask = slots - 1;
		segment.hand = 0;
		if (old == null) {
			return;
		}
		for (int row = 0; row < old.length; row += oldStride) {
			if (isUsed(old, row)) {
				System.arraycopy(old, row, segment.rows,
						freeRow(segment.rows, stride, segment.mask, old[row + KEY_SECOND]), oldStride);
			}
		}
	}

	/**
	 * Drop the rows idle for a whole period: their buckets are full.
	 */
	private void dropIdle(Segment segment, long now) {
		segment.sweptAt = now;
		if (segment.rows == null) {
			return;
		}
		int slot = 0;
		while (slot <= segment.mask) {
			int row = slot * segment.stride;
			if (isUsed(segment.rows, row) && isIdle(segment.rows, row, now)) {
				// the row after it may be shifted here: look at this slot again
				delete(segment, row);
			}
			else {
				slot++;
			}
		}
	}

	private void evictOne(Segment segment, long now) {
		long[] rows = segment.rows;
		int stride = segment.stride;
		for (int step = 0; step <= 2 * (segment.mask + 1); step++) {
			int row = segment.hand * stride;
			if (isUsed(rows, row)) {
				if (isIdle(rows, row, now)) {
					delete(segment, row);
					return;
				}
				if ((rows[row + META] & REFERENCED) == 0) {
					delete(segment, row);
					this.evictions.increment();
					return;
				}
				rows[row + META] &= ~REFERENCED;
			}
			segment.hand = (segment.hand + 1) & segment.mask;
		}
	}

	/** The first free row from where probing for a fingerprint's second word starts. */
	private static int freeRow(long[] rows, int stride, int mask, long second) {
		int slot = (int) second & mask;
		while (isUsed(rows, slot * stride)) {
			slot = (slot + 1) & mask;
		}
		return slot * stride;
	}

	private static boolean isUsed(long[] rows, int row) {
		return rows[row + KEY_SECOND] != 0 || rows[row + KEY_FIRST] != 0;
	}

	/**
	 * Remove a row, shifting back the rows after it that probing would no longer find.
	 * Call with the segment's monitor held.
	 */
	void delete(Segment segment, int row) {
		long[] rows = segment.rows;
		int stride = segment.stride;
		int mask = segment.mask;
		int hole = row / stride;
		int slot = hole;
		while (true) {
			slot = (slot + 1) & mask;
			int at = slot * stride;
			if (!isUsed(rows, at)) {
				break;
			}
			int home = (int) rows[at + KEY_SECOND] & mask;
			boolean stays = (hole <= slot) ? (hole < home && home <= slot) : (hole < home || home <= slot);
			if (!stays) {
				System.arraycopy(rows, at, rows, hole * stride, stride);
				hole = slot;
			}
		}
		Arrays.fill(rows, hole * stride, hole * stride + stride, 0L);
		segment.size--;
		this.keys.decrementAndGet();
	}

	private int reconfigure(Segment segment, int row, int held, int wanted, long now) {
		if (width(wanted) > segment.stride) {
			long first = segment.rows[row + KEY_FIRST];
			long second = segment.rows[row + KEY_SECOND];
			relayout(segment, segment.mask + 1, width(wanted));
			row = find(segment, first, second);
		}
		long[] rows = segment.rows;
		Bandwidth[] from = this.configurations[held].getBandwidths();
		BucketArithmetic.refill(rows, row + STATE, from, now);
		Bandwidth[] to = this.configurations[wanted].getBandwidths();
		BucketArithmetic.replace(rows, row + STATE, from, to, now);
		Arrays.fill(rows, row + STATE + to.length * BucketArithmetic.BANDWIDTH_SIZE, row + segment.stride, 0L);
		rows[row + META] = (rows[row + META] & ~CONFIGURATION) | wanted;
		return row;
	}

	/** Drop every idle row now. */
	void cleanUp() {
		long now = this.timeMeter.currentTimeNanos();
		for (Segment segment : this.segments) {
			synchronized (segment) {
				dropIdle(segment, now);
			}
		}
	}

	long size() {
		return this.keys.get();
	}

	/** A part of the table under one monitor. */
	static final class Segment {

		long[] rows;

		int stride;

		int mask;

		int size;

		/** Where the eviction hand points: a slot. */
		int hand;

		/** When idle rows were last dropped. */
		long sweptAt = Long.MIN_VALUE / 2;

	}

}
