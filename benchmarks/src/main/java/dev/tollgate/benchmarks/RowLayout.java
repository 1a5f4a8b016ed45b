package dev.tollgate.benchmarks;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.SplittableRandom;

/**
 * What a key's row costs to read and change at random in a million keys' table, by how
 * its row lies across cache lines: whether a row on a cache line of its own would make
 * the read cheaper. The table has 2<sup>21</sup> slots with a million keys (256
 * segments of 8,192). Three layouts, each a chain of dependent steps that read a whole
 * row and write two of its numbers, as a decision does (so that no step can start
 * before the one before it ends):
 * <ul>
 * <li>rows of 7 longs in a {@code long[]}, as the table has them (117 MB): an 8-byte
 * aligned row of 56 bytes lies on two cache lines three times in four;</li>
 * <li>rows of 8 longs in a {@code long[]} (134 MB): the array is only 8-byte aligned, so
 * a row lies on two cache lines unless the array happens to start on one;</li>
 * <li>rows of 8 longs outside the heap, 64-byte aligned (134 MB): each row is one cache
 * line, which the heap cannot promise.</li>
 * </ul>
 * Run with
 * {@code java -Xmx2g -XX:MaxDirectMemorySize=1g -cp benchmarks/target/benchmarks.jar dev.tollgate.benchmarks.RowLayout}.
 */
public final class RowLayout {

	private static final int SLOTS = 1 << 21;

	private static final int WARM_UP_STEPS = 3_000_000;

	private static final int MEASURED_STEPS = 20_000_000;

	private static final int ROUNDS = 3;

	private RowLayout() {
	}

	public static void main(String[] args) {
		for (int round = 1; round <= ROUNDS; round++) {
			print(round, "long[], rows of 7 longs (the table's)", measure(new HeapRows(7)));
			print(round, "long[], rows of 8 longs", measure(new HeapRows(8)));
			print(round, "off-heap, rows of 8 longs on their own cache line", measure(new AlignedRows(8)));
		}
	}

	private static void print(int round, String layout, double nanos) {
		System.out.printf("round %d: %-52s %6.1f ns a step%n", round, layout, nanos);
	}

	private static double measure(Rows rows) {
		long at = follow(rows, 0, WARM_UP_STEPS);
		long started = System.nanoTime();
		at = follow(rows, at, MEASURED_STEPS);
		double nanos = (System.nanoTime() - started) / (double) MEASURED_STEPS;
		if (at == 42) {
			// keeps the chain's result alive, so that the JIT cannot drop it
			System.out.println();
		}
		return nanos;
	}

	/** Each step's row follows from the numbers of the row before. */
	private static long follow(Rows rows, long from, int steps) {
		long hash = from;
		for (int step = 0; step < steps; step++) {
			int row = (int) (hash & (SLOTS - 1));
			long sum = rows.readAndChange(row, step);
			hash = (hash * 0x9E3779B97F4A7C15L + sum) ^ (hash >>> 29);
		}
		return hash;
	}

	/** A table of rows, filled with random numbers. */
	private interface Rows {

		/** Read every number of a row, then write two of them; the sum of those read. */
		long readAndChange(int row, long now);

	}

	private static final class HeapRows implements Rows {

		private final long[] rows;

		private final int stride;

		HeapRows(int stride) {
			this.stride = stride;
			this.rows = new SplittableRandom(1).longs((long) SLOTS * stride).toArray();
		}

		@Override
		public long readAndChange(int row, long now) {
			int at = row * this.stride;
			long sum = 0;
			for (int i = 0; i < this.stride; i++) {
				sum += this.rows[at + i];
			}
			this.rows[at + 2] = now;
			this.rows[at + 5] = sum;
			return sum;
		}

	}

	private static final class AlignedRows implements Rows {

		private final LongBuffer rows;

		private final int stride;

		AlignedRows(int stride) {
			this.stride = stride;
			int bytes = SLOTS * stride * Long.BYTES;
			this.rows = ByteBuffer.allocateDirect(bytes + 64)
				.alignedSlice(64)
				.order(ByteOrder.nativeOrder())
				.asLongBuffer();
			this.rows.put(0, new SplittableRandom(1).longs((long) SLOTS * stride).toArray());
		}

		@Override
		public long readAndChange(int row, long now) {
			int at = row * this.stride;
			long sum = 0;
			for (int i = 0; i < this.stride; i++) {
				sum += this.rows.get(at + i);
			}
			this.rows.put(at + 2, now);
			this.rows.put(at + 5, sum);
			return sum;
		}

	}

}
