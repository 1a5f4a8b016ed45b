package dev.tollgate.store;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import dev.tollgate.ManualClock;
import dev.tollgate.rule.Bandwidths;
import dev.tollgate.rule.RateLimitRule;
import io.github.bucket4j.ConsumptionProbe;
import org.junit.jupiter.api.Test;

import static dev.tollgate.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory store's rows: made by a bucket's first consumption, full again and
 * forgotten a whole period after their last use, each key's count its own however the
 * table grows, shifts rows and widens them.
 */
class InMemoryBucketStoreTests {

	private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final InMemoryBucketStore store = new InMemoryBucketStore(100_000, this.clock);

	private final RateLimitRule rule = rule("api", "5/1m", "/**");

	@Test
	void aBucketIsMadeByItsFirstConsumption() {
		TokenBucket bucket = this.store.bucket(this.rule, "client");
		assertThat(this.store.find(this.rule, "client")).as("a bucket never consumed from is full: none kept").isNull();
		assertThat(bucket.availableTokens()).isEqualTo(5);
		assertThat(bucket.tryConsume(1, null).getRemainingTokens()).isEqualTo(4);
		assertThat(this.store.find(this.rule, "client").availableTokens()).isEqualTo(4);
		assertThat(this.store.size()).isOne();
	}

	@Test
	void anIdleBucketIsFullAgainAndForgottenAPeriodAfterItsLastUse() {
		this.store.bucket(this.rule, "client").tryConsume(5, null);
		this.clock.advance(Duration.ofSeconds(59));
		assertThat(this.store.find(this.rule, "client").availableTokens()).isZero();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.store.find(this.rule, "client")).isNull();
		assertThat(this.store.bucket(this.rule, "client").availableTokens()).isEqualTo(5);
		assertThat(this.store.size()).as("kept until room is needed or the store is cleaned up").isOne();
		this.store.cleanUp();
		assertThat(this.store.size()).isZero();
	}

	@Test
	void removingAnIdleBucketSaysThereWasNone() {
		this.store.bucket(this.rule, "idle").tryConsume(5, null);
		this.store.bucket(this.rule, "used").tryConsume(5, null);
		this.clock.advance(Duration.ofSeconds(30));
		this.store.bucket(this.rule, "used").tryConsume(0, null);
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(this.store.remove(this.rule, "idle")).as("full again: as if already forgotten").isFalse();
		assertThat(this.store.remove(this.rule, "used")).as("30 s from its last use").isTrue();
		assertThat(this.store.remove(this.rule, "used")).isFalse();
		assertThat(this.store.size()).isZero();
	}

	@Test
	void tokensGivenBackReachOnlyABucketThatIsNotFull() {
		TokenBucket bucket = this.store.bucket(this.rule, "client");
		bucket.tryConsume(3, null);
		this.store.bucket(this.rule, "client").addTokens(2);
		assertThat(bucket.availableTokens()).isEqualTo(4);
		this.store.bucket(this.rule, "client").addTokens(5);
		assertThat(bucket.availableTokens()).as("never above the capacity").isEqualTo(5);
		this.store.bucket(this.rule, "stranger").addTokens(1);
		assertThat(this.store.find(this.rule, "stranger")).as("a missing bucket is full: no row made").isNull();
		assertThat(this.store.size()).isOne();
	}

	@Test
	void tokensGivenBackToAnIdleBucketLeaveItFullAndKeptAPeriodMore() {
		this.store.bucket(this.rule, "client").tryConsume(5, null);
		this.clock.advance(Duration.ofSeconds(60));
		this.store.bucket(this.rule, "client").addTokens(1);
		this.clock.advance(Duration.ofSeconds(59));
		assertThat(this.store.find(this.rule, "client").availableTokens()).isEqualTo(5);
	}

	@Test
	void aBucketUsedAgainIsKeptAPeriodFromItsLastUse() {
		TokenBucket bucket = this.store.bucket(this.rule, "client");
		bucket.tryConsume(3, null);
		this.clock.advance(Duration.ofSeconds(50));
		bucket.tryConsume(2, null);
		this.clock.advance(Duration.ofSeconds(50));
		this.store.cleanUp();
		assertThat(this.store.find(this.rule, "client")).as("50 s after its last use").isNotNull();
		assertThat(this.store.find(this.rule, "client").availableTokens()).as("refilled at 60 s").isEqualTo(5);
		assertThat(this.store.find(this.rule, "client").nanosToFull()).isZero();
	}

	@Test
	void aPlanWithALongerPeriodKeepsItsBucketsThatMuchLonger() {
		Bandwidths hourly = rule("hourly", "5/1h", "/**").getBandwidths();
		this.store.bucket(this.rule, "client", hourly, hourly.version()).tryConsume(5, null);
		this.clock.advance(Duration.ofMinutes(30));
		this.store.cleanUp();
		TokenBucket bucket = this.store.find(this.rule, "client");
		assertThat(bucket.availableTokens()).isZero();
		assertThat(bucket.nanosToFull()).isEqualTo(Duration.ofMinutes(30).toNanos());
	}

	@Test
	void aFoundBucketKeepsItsRowsConfigurationOnceTheRowIsIdle() {
		this.store.bucket(this.rule, "other").tryConsume(1, null);
		Bandwidths hourly = rule("hourly", "7/1h", "/**").getBandwidths();
		this.store.bucket(this.rule, "client", hourly, hourly.version()).tryConsume(7, null);
		TokenBucket found = this.store.find(this.rule, "client");
		assertThat(found.availableTokens()).isZero();
		this.clock.advance(Duration.ofHours(1));
		assertThat(found.availableTokens()).as("full again, at the capacity of the row's 7/1h, not the limit's 5/1m")
			.isEqualTo(7);
		assertThat(found.nanosToFull()).isZero();
	}

	@Test
	void aLookUpOfAKeyOnALimitWithoutBucketsFindsNothingAndRemovesNothing() {
		RateLimitRule unused = rule("unused", "5/1m", "/**");
		assertThat(this.store.find(unused, "client")).isNull();
		assertThat(this.store.remove(unused, "client")).isFalse();
		assertThat(this.store.size()).isZero();
	}

	@Test
	void aPlanWithMoreRatesWidensTheRowsAndKeepsTheTokensUsed() {
		for (int i = 0; i < 100; i++) {
			this.store.bucket(this.rule, "k" + i).tryConsume(2, null);
		}
		Bandwidths wider = rule("wider", "10/1m,100/1h", "/**").getBandwidths();
		long[] available = new long[2];
		ConsumptionProbe probe = this.store.bucket(this.rule, "k7", wider, wider.version()).tryConsume(1, available);
		assertThat(probe.getRemainingTokens()).as("3 left of 5, 5 more of capacity, 1 taken").isEqualTo(7);
		assertThat(available).containsExactly(7, 99);
		for (int i = 0; i < 100; i++) {
			assertThat(this.store.find(this.rule, "k" + i).availableTokens()).isEqualTo((i == 7) ? 7 : 3);
		}
	}

	/**
	 * Random consumptions, removals and look-ups of 500 keys, against a map of what each
	 * should have: the table grows from 8 rows, and removals shift rows back, thousands
	 * of times.
	 */
	@Test
	void everyKeyKeepsItsOwnCountThroughGrowthAndRemovals() {
		Random random = new Random(42);
		Map<String, Integer> expected = new HashMap<>();
		for (int step = 0; step < 50_000; step++) {
			String key = "key-" + random.nextInt(500);
			Integer tokens = expected.get(key);
			switch (random.nextInt(4)) {
				case 0, 1 -> {
					ConsumptionProbe probe = this.store.bucket(this.rule, key).tryConsume(1, null);
					int before = (tokens != null) ? tokens : 5;
					assertThat(probe.isConsumed()).isEqualTo(before > 0);
					expected.put(key, Math.max(0, before - 1));
				}
				case 2 -> {
					assertThat(this.store.remove(this.rule, key)).isEqualTo(tokens != null);
					expected.remove(key);
				}
				default -> {
					TokenBucket found = this.store.find(this.rule, key);
					assertThat(found != null).isEqualTo(tokens != null);
					if (found != null) {
						assertThat(found.availableTokens()).isEqualTo(tokens.longValue());
					}
				}
			}
		}
		assertThat(this.store.size()).isEqualTo(expected.size());
		expected.forEach((key, tokens) -> assertThat(this.store.find(this.rule, key).availableTokens())
			.isEqualTo(tokens.longValue()));
	}

}
