package dev.tollgate.benchmarks;

/**
 * Pushes a benchmark's data out of the core's caches between two invocations, as the
 * rest of an HTTP request may between two decisions: reading every cache line of an
 * array larger than the caches to empty leaves them holding that array instead.
 */
final class CacheEviction {

	private static final int LONGS_PER_LINE = 8;

	private final long[] other;

	private long sum;

	/**
	 * @param bytes how much to read each time; 0 evicts nothing
	 */
	CacheEviction(int bytes) {
		this.other = new long[bytes / Long.BYTES];
	}

	/** Reads every cache line of the array once. */
	void evict() {
		long[] other = this.other;
		long sum = 0;
		for (int i = 0; i < other.length; i += LONGS_PER_LINE) {
			sum += other[i];
		}
		this.sum += sum;
	}

	/**
	 * What the reads found so far, kept so that they are not left out as dead code.
	 * @return the sum of the values read
	 */
	long sum() {
		return this.sum;
	}

}
