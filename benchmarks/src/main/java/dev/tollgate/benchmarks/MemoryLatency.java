package dev.tollgate.benchmarks;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * What one read at random costs in arrays of growing size, as the in-memory store's
 * table reads a key's row: a chain of dependent reads, each at a random cache line
 * of the array, so that no read can start before the one before it ends and the
 * hardware prefetchers cannot guess the next. With a million keys the store's table
 * takes about 115 MB. Run with
 * {@code java -Xmx2g -cp benchmarks/target/benchmarks.jar dev.tollgate.benchmarks.MemoryLatency},
 * and again with {@code -XX:+UseTransparentHugePages} to see what the page-table walks
 * of 4 KB pages add. Alone, the walks' own reads stay in the caches; under HTTP load,
 * the rest of the request pushes them out. Sizes in megabytes may be given as arguments
 * (by default 1, 8, 32, 115 and 460).
 */
public final class MemoryLatency {

	private static final int LONGS_PER_LINE = 8;

	private static final int WARM_UP_READS = 5_000_000;

	private static final int MEASURED_READS = 20_000_000;

	private MemoryLatency() {
	}

	public static void main(String[] args) {
		int[] sizes = (args.length == 0) ? new int[] { 1, 8, 32, 115, 460 }
				: Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
		for (int megabytes : sizes) {
			long[] chain = chain(megabytes * 1024L * 1024L / Long.BYTES);
			long at = follow(chain, 0, WARM_UP_READS);
			long started = System.nanoTime();
			at = follow(chain, at, MEASURED_READS);
			double nanos = (System.nanoTime() - started) / (double) MEASURED_READS;
			System.out.printf("%4d MB: %6.1f ns per read (ended at %d)%n", megabytes, nanos, at);
		}
	}

	/**
	 * An array whose cache lines form one cycle in a random order: the first long of
	 * each line holds the index of the next line's first long.
	 */
	private static long[] chain(long longs) {
		int lines = (int) (longs / LONGS_PER_LINE);
		int[] order = new int[lines];
		for (int i = 0; i < lines; i++) {
			order[i] = i;
		}
		SplittableRandom random = new SplittableRandom(1);
		for (int i = lines - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			int swapped = order[i];
			order[i] = order[j];
			order[j] = swapped;
		}
		long[] chain = new long[lines * LONGS_PER_LINE];
		for (int i = 0; i < lines; i++) {
			chain[order[i] * LONGS_PER_LINE] = (long) order[(i + 1) % lines] * LONGS_PER_LINE;
		}
		return chain;
	}

	private static long follow(long[] chain, long from, int reads) {
		long at = from;
		for (int i = 0; i < reads; i++) {
			at = chain[(int) at];
		}
		return at;
	}

}
