package dev.tollgate.store;

import java.util.Arrays;
import java.util.Objects;

import io.github.bucket4j.Bandwidth;

/**
 * Bucket4j's token-bucket arithmetic for 64-bit integers ({@code BucketState64BitsInteger},
 * Bucket4j 8.x, Apache License 2.0), over a bucket's numbers where they lie in a larger
 * array: three per bandwidth, its last refill time, its tokens and the rounding error
 * of its refill, starting at {@code at}. The in-memory store keeps every bucket of a
 * limit in one array; this lets it apply Bucket4j's exact rules there, where Bucket4j's
 * own state would need an object, and a second memory access, per bucket.
 * {@code BucketArithmeticTests} checks it against Bucket4j's state, operation for
 * operation.
 */
final class BucketArithmetic {

	/** The numbers per bandwidth. */
	static final int BANDWIDTH_SIZE = 3;

	private BucketArithmetic() {
	}

	/**
	 * Write the numbers of a new, full bucket.
	 * @param data the array
	 * @param at where the bucket's numbers start
	 * @param bandwidths its bandwidths
	 * @param now the time now
	 */
	static void initialize(long[] data, int at, Bandwidth[] bandwidths, long now) {
		for (int i = 0; i < bandwidths.length; i++) {
			initialize(data, at + i * BANDWIDTH_SIZE, bandwidths[i], now);
		}
	}

	private static void initialize(long[] data, int base, Bandwidth bandwidth, long now) {
		data[base] = bandwidth.isIntervallyAligned()
				? bandwidth.getTimeOfFirstRefillMillis() * 1_000_000 - bandwidth.getRefillPeriodNanos() : now;
		data[base + 1] = initialTokens(bandwidth, now);
		data[base + 2] = 0;
	}

	/**
	 * Give a bucket other bandwidths, keeping the tokens it has used: Bucket4j's
	 * {@code replaceConfiguration} with {@code TokensInheritanceStrategy.ADDITIVE}. A
	 * bandwidth is matched to the previous one with the same id; one without a match
	 * starts as in a new bucket. The bucket is to be refilled to {@code now} first.
	 * @param data the array, with room for the new bandwidths' numbers at {@code at}
	 * @param at where the bucket's numbers start
	 * @param previous the bandwidths it has
	 * @param bandwidths the bandwidths it is to have
	 * @param now the time now
	 */
	static void replace(long[] data, int at, Bandwidth[] previous, Bandwidth[] bandwidths, long now) {
		long[] old = Arrays.copyOfRange(data, at, at + previous.length * BANDWIDTH_SIZE);
		boolean matchNullIds = nullIds(previous) < 2 && nullIds(bandwidths) < 2;
		for (int i = 0; i < bandwidths.length; i++) {
			Bandwidth bandwidth = bandwidths[i];
			int base = at + i * BANDWIDTH_SIZE;
			int match = -1;
			if (bandwidth.getId() != null || matchNullIds) {
				for (int j = 0; j < previous.length && match < 0; j++) {
					if (Objects.equals(bandwidth.getId(), previous[j].getId())) {
						match = j;
					}
				}
			}
			if (match < 0) {
				initialize(data, base, bandwidth, now);
			}
			else {
				replaceAdditive(data, base, bandwidth, old, match * BANDWIDTH_SIZE, previous[match]);
			}
		}
	}

	private static void replaceAdditive(long[] data, int base, Bandwidth bandwidth, long[] old, int oldBase,
			Bandwidth previous) {
		data[base] = old[oldBase];
		data[base + 2] = 0;
		long currentSize = old[oldBase + 1];
		long newSize;
		if (bandwidth.getCapacity() <= previous.getCapacity()) {
			// Bucket4j's AS_IS
			if (currentSize >= bandwidth.getCapacity()) {
				data[base + 1] = bandwidth.getCapacity();
				return;
			}
			newSize = currentSize;
		}
		else {
			if (currentSize >= previous.getCapacity()) {
				data[base + 1] = bandwidth.getCapacity();
				return;
			}
			newSize = currentSize + (bandwidth.getCapacity() - previous.getCapacity());
		}
		data[base + 1] = newSize;
		if (newSize < bandwidth.getCapacity() && bandwidth.isGready() && previous.isGready()) {
			double roundingScale = (double) bandwidth.getRefillPeriodNanos() / (double) previous.getRefillPeriodNanos();
			// as Bucket4j computes it: the scale is truncated before it multiplies
			long roundingError = (long) roundingScale * old[oldBase + 2];
			data[base + 2] = Math.min(roundingError, bandwidth.getRefillPeriodNanos() - 1);
		}
	}

	private static int nullIds(Bandwidth[] bandwidths) {
		int count = 0;
		for (Bandwidth bandwidth : bandwidths) {
			if (bandwidth.getId() == null) {
				count++;
			}
		}
		return count;
	}

	private static long initialTokens(Bandwidth bandwidth, long now) {
		if (!bandwidth.isUseAdaptiveInitialTokens()) {
			return bandwidth.getInitialTokens();
		}
		long timeOfFirstRefillNanos = bandwidth.getTimeOfFirstRefillMillis() * 1_000_000;
		if (now >= timeOfFirstRefillNanos) {
			return bandwidth.getInitialTokens();
		}
		long guaranteedBase = Math.max(0, bandwidth.getCapacity() - bandwidth.getRefillTokens());
		long nanosBeforeFirstRefill = timeOfFirstRefillNanos - now;
		if (multiplyExactOrMax(nanosBeforeFirstRefill, bandwidth.getRefillTokens()) != Long.MAX_VALUE) {
			return Math.min(bandwidth.getCapacity(), guaranteedBase
					+ nanosBeforeFirstRefill * bandwidth.getRefillTokens() / bandwidth.getRefillPeriodNanos());
		}
		return Math.min(bandwidth.getCapacity(), guaranteedBase + (long) ((double) nanosBeforeFirstRefill
				* (double) bandwidth.getRefillTokens() / (double) bandwidth.getRefillPeriodNanos()));
	}

	static long tokens(long[] data, int at, int bandwidth) {
		return data[at + bandwidth * BANDWIDTH_SIZE + 1];
	}

	static long availableTokens(long[] data, int at, int bandwidths) {
		long available = tokens(data, at, 0);
		for (int i = 1; i < bandwidths; i++) {
			available = Math.min(available, tokens(data, at, i));
		}
		return available;
	}

	static void consume(long[] data, int at, int bandwidths, long tokens) {
		for (int i = 0; i < bandwidths; i++) {
			data[at + i * BANDWIDTH_SIZE + 1] -= tokens;
		}
	}

	static void refill(long[] data, int at, Bandwidth[] bandwidths, long now) {
		for (int i = 0; i < bandwidths.length; i++) {
			refill(data, at + i * BANDWIDTH_SIZE, bandwidths[i], now);
		}
	}

	private static void refill(long[] data, int base, Bandwidth bandwidth, long currentTimeNanos) {
		long previousRefillNanos = data[base];
		if (currentTimeNanos <= previousRefillNanos) {
			return;
		}
		if (bandwidth.isRefillIntervally()) {
			currentTimeNanos -= (currentTimeNanos - previousRefillNanos) % bandwidth.getRefillPeriodNanos();
			if (currentTimeNanos <= previousRefillNanos) {
				return;
			}
		}
		data[base] = currentTimeNanos;
		long capacity = bandwidth.getCapacity();
		long refillPeriodNanos = bandwidth.getRefillPeriodNanos();
		long refillTokens = bandwidth.getRefillTokens();
		long currentSize = data[base + 1];
		if (currentSize >= capacity) {
			return;
		}
		long durationSinceLastRefillNanos = currentTimeNanos - previousRefillNanos;
		long newSize = currentSize;
		if (durationSinceLastRefillNanos > refillPeriodNanos) {
			long elapsedPeriods = durationSinceLastRefillNanos / refillPeriodNanos;
			newSize += elapsedPeriods * refillTokens;
			if (newSize > capacity || newSize < currentSize) {
				reset(data, base, capacity);
				return;
			}
			durationSinceLastRefillNanos %= refillPeriodNanos;
		}
		long roundingError = data[base + 2];
		long dividedWithoutError = multiplyExactOrMax(refillTokens, durationSinceLastRefillNanos);
		long divided = dividedWithoutError + roundingError;
		if (divided < 0 || dividedWithoutError == Long.MAX_VALUE) {
			newSize += (long) ((double) durationSinceLastRefillNanos / (double) refillPeriodNanos
					* (double) refillTokens);
			roundingError = 0;
		}
		else {
			long calculatedRefill = divided / refillPeriodNanos;
			if (calculatedRefill == 0) {
				roundingError = divided;
			}
			else {
				newSize += calculatedRefill;
				roundingError = divided % refillPeriodNanos;
			}
		}
		if (newSize >= capacity || newSize < currentSize) {
			reset(data, base, capacity);
			return;
		}
		data[base + 1] = newSize;
		data[base + 2] = roundingError;
	}

	static void addTokens(long[] data, int at, Bandwidth[] bandwidths, long tokensToAdd) {
		for (int i = 0; i < bandwidths.length; i++) {
			int base = at + i * BANDWIDTH_SIZE;
			long capacity = bandwidths[i].getCapacity();
			long currentSize = data[base + 1];
			long newSize = currentSize + tokensToAdd;
			if (newSize >= capacity || newSize < currentSize) {
				reset(data, base, capacity);
			}
			else {
				data[base + 1] = newSize;
			}
		}
	}

	private static void reset(long[] data, int base, long capacity) {
		data[base + 1] = capacity;
		data[base + 2] = 0;
	}

	/**
	 * How long until the given tokens can be consumed: the longest wait of the bandwidths.
	 * @param data the array
	 * @param at where the bucket's numbers start
	 * @param bandwidths its bandwidths
	 * @param tokens the tokens wanted
	 * @param now the time now, the bucket refilled to it
	 * @return nanoseconds, or {@code Long.MAX_VALUE} when more than a bandwidth holds
	 */
	static long nanosToConsume(long[] data, int at, Bandwidth[] bandwidths, long tokens, long now) {
		long delay = 0;
		for (int i = 0; i < bandwidths.length; i++) {
			delay = Math.max(delay, nanosToConsume(data, at + i * BANDWIDTH_SIZE, bandwidths[i], tokens, now));
		}
		return delay;
	}

	private static long nanosToConsume(long[] data, int base, Bandwidth bandwidth, long tokens, long now) {
		if (tokens > bandwidth.getCapacity()) {
			return Long.MAX_VALUE;
		}
		long currentSize = data[base + 1];
		if (tokens <= currentSize) {
			return 0;
		}
		long deficit = tokens - currentSize;
		if (deficit <= 0) {
			return Long.MAX_VALUE;
		}
		return bandwidth.isRefillIntervally() ? intervalDelay(data, base, bandwidth, deficit, now)
				: greedyDelay(data, base, bandwidth, deficit);
	}

	/**
	 * How long until the bucket is full: the longest time of the bandwidths.
	 * @param data the array
	 * @param at where the bucket's numbers start
	 * @param bandwidths its bandwidths
	 * @param now the time now, the bucket refilled to it
	 * @return nanoseconds, 0 when full
	 */
	static long nanosToFull(long[] data, int at, Bandwidth[] bandwidths, long now) {
		long longest = 0;
		for (int i = 0; i < bandwidths.length; i++) {
			int base = at + i * BANDWIDTH_SIZE;
			Bandwidth bandwidth = bandwidths[i];
			long available = data[base + 1];
			if (available < bandwidth.getCapacity()) {
				long deficit = bandwidth.getCapacity() - available;
				longest = Math.max(longest, bandwidth.isRefillIntervally() ? intervalDelay(data, base, bandwidth, deficit, now)
						: greedyDelay(data, base, bandwidth, deficit));
			}
		}
		return longest;
	}

	private static long greedyDelay(long[] data, int base, Bandwidth bandwidth, long deficit) {
		long refillPeriodNanos = bandwidth.getRefillPeriodNanos();
		long refillPeriodTokens = bandwidth.getRefillTokens();
		long divided = multiplyExactOrMax(refillPeriodNanos, deficit);
		if (divided == Long.MAX_VALUE) {
			return (long) ((double) deficit / (double) refillPeriodTokens * (double) refillPeriodNanos);
		}
		return (divided - data[base + 2]) / refillPeriodTokens;
	}

	private static long intervalDelay(long[] data, int base, Bandwidth bandwidth, long deficit, long now) {
		long refillPeriodNanos = bandwidth.getRefillPeriodNanos();
		long refillTokens = bandwidth.getRefillTokens();
		long waitForNextRefillNanos = data[base] + refillPeriodNanos - now;
		if (deficit <= refillTokens) {
			return waitForNextRefillNanos;
		}
		deficit -= refillTokens;
		if (deficit < refillTokens) {
			return waitForNextRefillNanos + refillPeriodNanos;
		}
		long deficitPeriods = deficit / refillTokens + ((deficit % refillTokens == 0L) ? 0 : 1);
		long deficitNanos = multiplyExactOrMax(deficitPeriods, refillPeriodNanos);
		if (deficitNanos == Long.MAX_VALUE) {
			return Long.MAX_VALUE;
		}
		deficitNanos += waitForNextRefillNanos;
		return (deficitNanos < 0) ? Long.MAX_VALUE : deficitNanos;
	}

	/** {@code Math.multiplyExact}, answering {@code Long.MAX_VALUE} on overflow. */
	private static long multiplyExactOrMax(long x, long y) {
		long r = x * y;
		long ax = Math.abs(x);
		long ay = Math.abs(y);
		if (((ax | ay) >>> 31 != 0) && (((y != 0) && (r / y != x)) || (x == Long.MIN_VALUE && y == -1))) {
			return Long.MAX_VALUE;
		}
		return r;
	}

}
