package dev.tollgate.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The read of one row at random in a table of a million keys' size (117 MB, as the
 * in-memory store's), one read per invocation, with the caches as a loop of reads
 * leaves them ({@code evicted=0}), or after reading 4 MiB (the cores' L2 caches twice:
 * the table's page-table entries stay in L3) or 64 MiB (the L3 twice: they go to
 * memory too) before each invocation, outside the measured time, as the rest of an
 * HTTP request may between two decisions. Run again with
 * {@code -jvmArgsAppend -XX:+UseTransparentHugePages}, whose 2 MB pages need one
 * page-table entry where 4 KB pages need 512. {@code nothing} measures the timing of an
 * invocation after the same eviction.
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ColdRow
 * java -jar benchmarks/target/benchmarks.jar ColdRow -jvmArgsAppend -XX:+UseTransparentHugePages
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms2g", "-Xmx2g" })
@State(Scope.Thread)
public class ColdRow {

	/** The rows of a million keys' table. */
	private static final int ROWS = 1 << 21;

	/** The longs of a row, as the in-memory store's table has them. */
	private static final int ROW_LONGS = 7;

	@Param({ "0", "4194304", "67108864" })
	private int evicted;

	private long[] table;

	private CacheEviction eviction;

	private final SplittableRandom random = new SplittableRandom(1);

	private int next;

	@Setup
	public void setUp() {
		this.table = new SplittableRandom(2).longs((long) ROWS * ROW_LONGS).toArray();
		this.eviction = new CacheEviction(this.evicted);
	}

	/** Evicts, then picks the next row. */
	@Setup(Level.Invocation)
	public void evict() {
		this.eviction.evict();
		this.next = this.random.nextInt(ROWS) * ROW_LONGS;
	}

	/** What timing each invocation costs after the same eviction: JMH's own data is cold too. */
	@Benchmark
	public long nothing() {
		return this.next;
	}

	@Benchmark
	public long read() {
		return this.table[this.next];
	}

}
