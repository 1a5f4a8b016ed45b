package dev.tollgate.rule;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;

/**
 * A limit's rates with everything derived from them, built once: the Bucket4j
 * configuration, each bandwidth's capacity and window, and how long an untouched
 * bucket takes to be full again.
 */
public final class Bandwidths {

	private final List<Rate> rates;

	private final BucketConfiguration configuration;

	private final long[] capacities;

	private final Duration timeToRefill;

	private final long timeToRefillNanos;

	private final long version;

	Bandwidths(List<Rate> rates, Refill refill, long version) {
		this.version = version;
		if (rates.isEmpty()) {
			throw new IllegalArgumentException("at least one rate is required");
		}
		this.rates = List.copyOf(rates);
		ConfigurationBuilder builder = BucketConfiguration.builder();
		for (int i = 0; i < rates.size(); i++) {
			builder.addLimit(bandwidth(rates.get(i), refill, i));
		}
		this.configuration = builder.build();
		this.capacities = rates.stream().mapToLong(Rate::tokens).toArray();
		this.timeToRefill = rates.stream().map(Rate::period).max(Duration::compareTo).orElseThrow();
		this.timeToRefillNanos = this.timeToRefill.toNanos();
	}

	private static Bandwidth bandwidth(Rate rate, Refill refill, int index) {
		var capacity = Bandwidth.builder().capacity(rate.tokens());
		var built = (refill == Refill.GREEDY) ? capacity.refillGreedy(rate.tokens(), rate.period())
				: capacity.refillIntervally(rate.tokens(), rate.period());
		return built.id(Integer.toString(index)).build();
	}

	public List<Rate> rates() {
		return this.rates;
	}

	public BucketConfiguration configuration() {
		return this.configuration;
	}

	public int count() {
		return this.capacities.length;
	}

	/**
	 * The capacity of one bandwidth, in the order of {@link #rates()}.
	 * @param bandwidth the bandwidth's index
	 * @return its capacity
	 */
	public long capacity(int bandwidth) {
		return this.capacities[bandwidth];
	}

	/**
	 * The window of one bandwidth, in the order of {@link #rates()}.
	 * @param bandwidth the bandwidth's index
	 * @return its period
	 */
	public Duration window(int bandwidth) {
		return this.rates.get(bandwidth).period();
	}

	/**
	 * A version for a configuration made now that replaces one of the given version.
	 * @param previous the version replaced, or 0
	 * @param clock the wall clock, the same one plan resolutions are timestamped with
	 * @return the current time in milliseconds, or one more than the previous version
	 */
	static long nextVersion(long previous, Clock clock) {
		return Math.max(previous + 1, clock.millis());
	}

	long smallestCapacity() {
		long smallest = Long.MAX_VALUE;
		for (long capacity : this.capacities) {
			smallest = Math.min(smallest, capacity);
		}
		return smallest;
	}

	/**
	 * The version of this configuration: the wall-clock time it was made, in
	 * milliseconds, and always more than the version it replaces. A shared store
	 * replaces a bucket's configuration when its own is older, so on every instance
	 * the newest decision wins.
	 * @return the version
	 */
	public long version() {
		return this.version;
	}

	/**
	 * How long an untouched bucket takes, at most, to be full again: after that,
	 * forgetting it loses nothing.
	 * @return the longest period of the rates
	 */
	public Duration timeToRefill() {
		return this.timeToRefill;
	}

	/**
	 * {@link #timeToRefill()} in nanoseconds, computed once.
	 * @return the longest period of the rates, in nanoseconds
	 */
	public long timeToRefillNanos() {
		return this.timeToRefillNanos;
	}

}
