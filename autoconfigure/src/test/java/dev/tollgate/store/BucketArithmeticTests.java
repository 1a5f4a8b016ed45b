package dev.tollgate.store;

import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.BucketState64BitsInteger;
import io.github.bucket4j.TokensInheritanceStrategy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The arithmetic the in-memory store applies to its rows is Bucket4j's: run side by side
 * with Bucket4j's own {@code BucketState64BitsInteger} through thousands of random
 * operations at random times, the two agree on every number after every operation, and
 * after a change of configuration that keeps the tokens used.
 */
class BucketArithmeticTests {

	private static final long START = 1_767_225_600_000_000_000L;

	static Stream<Arguments> configurations() {
		return Stream.of(Arguments.of("greedy, 7 per 13 s", configuration(greedy(7, Duration.ofSeconds(13), "0"))),
				Arguments.of("intervally, 5 per minute", configuration(intervally(5, Duration.ofMinutes(1), "0"))),
				Arguments.of("greedy, 3 per second and 50 per minute",
						configuration(greedy(3, Duration.ofSeconds(1), "0"), greedy(50, Duration.ofMinutes(1), "1"))),
				Arguments.of("intervally, 10 per second and 100 per hour", configuration(
						intervally(10, Duration.ofSeconds(1), "0"), intervally(100, Duration.ofHours(1), "1"))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("configurations")
	void agreesWithBucket4jOperationForOperation(String name, BucketConfiguration configuration) {
		Random random = new Random(name.hashCode());
		Bandwidth[] bandwidths = configuration.getBandwidths();
		long longest = 0;
		long largest = 0;
		for (Bandwidth bandwidth : bandwidths) {
			longest = Math.max(longest, bandwidth.getRefillPeriodNanos());
			largest = Math.max(largest, bandwidth.getCapacity());
		}
		long now = START;
		BucketState64BitsInteger state = new BucketState64BitsInteger(configuration, now);
		int at = 5;
		long[] data = new long[at + bandwidths.length * BucketArithmetic.BANDWIDTH_SIZE + 2];
		BucketArithmetic.initialize(data, at, bandwidths, now);
		int consumed = 0;
		for (int step = 0; step < 20_000; step++) {
			now += (random.nextInt(4) == 0) ? 0 : random.nextLong(bandwidths[0].getRefillPeriodNanos());
			if (random.nextInt(200) == 0) {
				now += random.nextLong(2 * longest);
			}
			state.refillAllBandwidth(now);
			BucketArithmetic.refill(data, at, bandwidths, now);
			switch (random.nextInt(4)) {
				case 0, 1 -> {
					long tokens = 1 + random.nextInt((int) largest + 1);
					assertThat(BucketArithmetic.availableTokens(data, at, bandwidths.length))
						.isEqualTo(state.getAvailableTokens());
					assertThat(BucketArithmetic.nanosToConsume(data, at, bandwidths, tokens, now))
						.isEqualTo(state.calculateDelayNanosAfterWillBePossibleToConsume(tokens, now, true));
					if (tokens <= state.getAvailableTokens()) {
						state.consume(tokens);
						BucketArithmetic.consume(data, at, bandwidths.length, tokens);
						consumed++;
					}
				}
				case 2 -> {
					long tokens = 1 + random.nextInt(3);
					state.addTokens(tokens);
					BucketArithmetic.addTokens(data, at, bandwidths, tokens);
				}
				default -> assertThat(BucketArithmetic.nanosToFull(data, at, bandwidths, now))
					.isEqualTo(state.calculateFullRefillingTime(now));
			}
			for (int i = 0; i < bandwidths.length; i++) {
				assertThat(BucketArithmetic.tokens(data, at, i)).as("tokens at step %d", step)
					.isEqualTo(state.getCurrentSize(i));
				assertThat(data[at + i * BucketArithmetic.BANDWIDTH_SIZE + 2]).as("rounding error at step %d", step)
					.isEqualTo(state.getRoundingError(i));
			}
		}
		assertThat(data[0]).isZero();
		assertThat(data[data.length - 1]).isZero();
		assertThat(consumed).as("consumptions that went through").isGreaterThan(500);
	}

	static Stream<Arguments> replacements() {
		BucketConfiguration oneRate = configuration(intervally(5, Duration.ofMinutes(1), "0"));
		BucketConfiguration twoRates = configuration(intervally(10, Duration.ofMinutes(1), "0"),
				intervally(100, Duration.ofHours(1), "1"));
		BucketConfiguration greedy = configuration(greedy(7, Duration.ofSeconds(13), "0"));
		return Stream.of(Arguments.of("a larger capacity and a new rate", oneRate, twoRates),
				Arguments.of("a smaller capacity and a rate fewer", twoRates, oneRate),
				Arguments.of("greedy, a larger capacity over a longer period", greedy,
						configuration(greedy(14, Duration.ofSeconds(26), "0"))),
				Arguments.of("greedy, a smaller capacity", greedy, configuration(greedy(3, Duration.ofSeconds(5), "0"))),
				Arguments.of("greedy to intervally", greedy,
						configuration(intervally(9, Duration.ofSeconds(13), "0"))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("replacements")
	void replacesAConfigurationAsBucket4jDoesKeepingTheTokensUsed(String name, BucketConfiguration from,
			BucketConfiguration to) {
		Random random = new Random(name.hashCode());
		Bandwidth[] previous = from.getBandwidths();
		Bandwidth[] bandwidths = to.getBandwidths();
		long period = previous[0].getRefillPeriodNanos();
		for (int trial = 0; trial < 2_000; trial++) {
			long now = START;
			BucketState64BitsInteger state = new BucketState64BitsInteger(from, now);
			long[] data = new long[Math.max(previous.length, bandwidths.length) * BucketArithmetic.BANDWIDTH_SIZE];
			BucketArithmetic.initialize(data, 0, previous, now);
			for (int step = random.nextInt(8); step >= 0; step--) {
				now += random.nextLong(period);
				state.refillAllBandwidth(now);
				BucketArithmetic.refill(data, 0, previous, now);
				long tokens = 1 + random.nextInt((int) previous[0].getCapacity());
				if (tokens <= state.getAvailableTokens()) {
					state.consume(tokens);
					BucketArithmetic.consume(data, 0, previous.length, tokens);
				}
			}
			now += random.nextLong(period);
			state.refillAllBandwidth(now);
			BucketArithmetic.refill(data, 0, previous, now);
			BucketState64BitsInteger replaced = (BucketState64BitsInteger) state.replaceConfiguration(to,
					TokensInheritanceStrategy.ADDITIVE, now);
			BucketArithmetic.replace(data, 0, previous, bandwidths, now);
			for (int i = 0; i < bandwidths.length; i++) {
				assertThat(BucketArithmetic.tokens(data, 0, i)).isEqualTo(replaced.getCurrentSize(i));
				assertThat(data[i * BucketArithmetic.BANDWIDTH_SIZE + 2]).isEqualTo(replaced.getRoundingError(i));
			}
			long later = now + random.nextLong(2 * period);
			replaced.refillAllBandwidth(later);
			BucketArithmetic.refill(data, 0, bandwidths, later);
			assertThat(BucketArithmetic.availableTokens(data, 0, bandwidths.length))
				.isEqualTo(replaced.getAvailableTokens());
			assertThat(BucketArithmetic.nanosToFull(data, 0, bandwidths, later))
				.isEqualTo(replaced.calculateFullRefillingTime(later));
		}
	}

	private static BucketConfiguration configuration(Bandwidth... bandwidths) {
		var builder = BucketConfiguration.builder();
		for (Bandwidth bandwidth : bandwidths) {
			builder.addLimit(bandwidth);
		}
		return builder.build();
	}

	private static Bandwidth greedy(long tokens, Duration period, String id) {
		return Bandwidth.builder().capacity(tokens).refillGreedy(tokens, period).id(id).build();
	}

	private static Bandwidth intervally(long tokens, Duration period, String id) {
		return Bandwidth.builder().capacity(tokens).refillIntervally(tokens, period).id(id).build();
	}

}
