package dev.tollgate.limiter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.tollgate.ForwardingBucketStore;
import dev.tollgate.ManualClock;
import dev.tollgate.rule.Bandwidths;
import dev.tollgate.rule.LimitMode;
import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.rule.Refill;
import dev.tollgate.store.BucketStore;
import dev.tollgate.store.InMemoryBucketStore;
import dev.tollgate.store.TokenBucket;
import io.github.bucket4j.ConsumptionProbe;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static dev.tollgate.TestRules.builder;
import static dev.tollgate.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RateLimiterTests {

	private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final RateLimiter limiter = new RateLimiter(new InMemoryBucketStore(1000, this.clock));

	@Test
	void admitsExactlyTheCapacityThenRejectsUntilTheWindowEnds() {
		RateLimitRule rule = rule("r", "3/1m", "/**");
		for (int i = 2; i >= 0; i--) {
			RateLimitDecision decision = consume(List.of(rule), "a");
			assertThat(decision.isAllowed()).isTrue();
			assertThat(decision.closestToExhaustion().remaining()).isEqualTo(i);
			assertThat(decision.closestToExhaustion().nanosToReset()).isEqualTo(Duration.ofMinutes(1).toNanos());
		}
		RateLimitDecision rejected = consume(List.of(rule), "a");
		assertThat(rejected.isAllowed()).isFalse();
		assertThat(rejected.getViolated().nanosToRetry()).isEqualTo(Duration.ofMinutes(1).toNanos());
		this.clock.advance(Duration.ofSeconds(59));
		assertThat(consume(List.of(rule), "a").isAllowed()).isFalse();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(consume(List.of(rule), "a").closestToExhaustion().remaining()).isEqualTo(2);
	}

	@Test
	void listenersThatDoNotTimeDecisionsAreToldOfEachWithoutAClockRead() {
		List<Long> elapsed = new ArrayList<>();
		RateLimitListener counting = new RateLimitListener() {

			@Override
			public void onDecision(RateLimitDecision decision, long elapsedNanos) {
				elapsed.add(elapsedNanos);
			}

			@Override
			public boolean timesDecisions() {
				return false;
			}

		};
		RateLimiter untimed = new RateLimiter(new InMemoryBucketStore(1000, this.clock), null, List.of(counting));
		RateLimitRule rule = rule("r", "1/1m", "/**");
		untimed.consume(List.of(rule), List.of("a"));
		untimed.consume(List.of(rule), List.of("a"));
		assertThat(elapsed).containsExactly(0L, 0L);
	}

	@Test
	void aDecisionReadsTheSameByListAndByIndexWithOneLimitOrSeveral() {
		RateLimitRule one = rule("one", "2/1m", "/**");
		RateLimitRule other = rule("other", "1/1m", "/**");
		consume(List.of(one), "a");
		RateLimitDecision single = consume(List.of(one), "a");
		assertThat(single.getOutcomeCount()).isOne();
		assertThat(single.getOutcome(0).rule()).isEqualTo(one);
		assertThat(single.getOutcome(0).remaining()).isZero();
		assertThat(single.getOutcomes()).containsExactly(single.getOutcome(0));
		assertThat(single.closestToExhaustion()).isSameAs(single.getOutcome(0));
		assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> single.getOutcome(1));
		RateLimitDecision rejected = consume(List.of(one), "a");
		assertThat(rejected.getViolated()).isSameAs(rejected.getOutcome(0));
		RateLimitDecision several = consume(List.of(other, one), "b");
		assertThat(several.getOutcomeCount()).isEqualTo(2);
		assertThat(several.getOutcome(0).rule()).isEqualTo(other);
		assertThat(several.getOutcome(1).rule()).isEqualTo(one);
		assertThat(several.getOutcomes()).containsExactly(several.getOutcome(0), several.getOutcome(1));
		assertThat(several.closestToExhaustion()).isSameAs(several.getOutcome(0));
		assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> several.getOutcome(2));
	}

	@Test
	void keysHaveTheirOwnBuckets() {
		RateLimitRule rule = rule("r", "1/1m", "/**");
		assertThat(consume(List.of(rule), "a").isAllowed()).isTrue();
		assertThat(consume(List.of(rule), "b").isAllowed()).isTrue();
		assertThat(consume(List.of(rule), "a").isAllowed()).isFalse();
	}

	@Test
	void rejectedRequestIsRefundedToTheLimitsThatAllowedIt() {
		RateLimitRule wide = rule("wide", "100/1m", "/**");
		RateLimitRule narrow = rule("narrow", "2/1m", "/**");
		consume(List.of(wide, narrow), "a");
		consume(List.of(wide, narrow), "a");
		for (int i = 0; i < 5; i++) {
			RateLimitDecision rejected = consume(List.of(wide, narrow), "a");
			assertThat(rejected.isAllowed()).isFalse();
			assertThat(rejected.getViolated().rule()).isEqualTo(narrow);
			assertThat(rejected.getOutcomes().get(0).remaining()).isEqualTo(98);
		}
		assertThat(consume(List.of(wide), "a").closestToExhaustion().remaining()).isEqualTo(97);
	}

	/**
	 * In a store whose refunds can fail (one in another process), a refund that fails is
	 * dropped: the request is still rejected, and the other limits still get theirs.
	 */
	@Test
	void aRefundThatFailsIsDroppedAndTheOthersStillHappen() {
		RateLimitRule wide = rule("wide", "100/1m", "/**");
		RateLimitRule unreachable = rule("unreachable", "100/1m", "/**");
		RateLimitRule narrow = rule("narrow", "1/1m", "/**");
		InMemoryBucketStore memory = new InMemoryBucketStore(1000, this.clock);
		RateLimiter limiter = new RateLimiter(new RefundsFailFor(unreachable, memory));
		List<RateLimitRule> limits = List.of(unreachable, wide, narrow);
		List<String> keys = List.of("a", "a", "a");
		assertThat(limiter.consume(limits, keys).isAllowed()).isTrue();
		RateLimitDecision rejected = limiter.consume(limits, keys);
		assertThat(rejected.getViolated().rule()).isEqualTo(narrow);
		assertThat(rejected.getOutcomes()).extracting(LimitOutcome::remaining).containsExactly(98L, 99L, 0L);
		assertThat(memory.find(wide, "a").availableTokens()).isEqualTo(99);
		assertThat(memory.find(unreachable, "a").availableTokens()).isEqualTo(98);
	}

	@Test
	void shadowLimitCountsButNeverRejects() {
		RateLimitRule shadow = builder("shadow", "1/1m", "/**").mode(LimitMode.SHADOW).build();
		assertThat(consume(List.of(shadow), "a").isAllowed()).isTrue();
		RateLimitDecision over = consume(List.of(shadow), "a");
		assertThat(over.isAllowed()).isTrue();
		assertThat(over.getOutcomes().get(0).conforming()).isFalse();
		assertThat(over.closestToExhaustion().remaining()).isZero();
	}

	@Test
	void costTakesSeveralTokens() {
		RateLimitRule rule = builder("r", "10/1m", "/**").cost(4).build();
		assertThat(consume(List.of(rule), "a").closestToExhaustion().remaining()).isEqualTo(6);
		assertThat(consume(List.of(rule), "a").closestToExhaustion().remaining()).isEqualTo(2);
		assertThat(consume(List.of(rule), "a").isAllowed()).isFalse();
	}

	@Test
	void severalBandwidthsReportTheTightest() {
		RateLimitRule rule = rule("r", "3/1s,5/1h", "/**");
		for (int i = 0; i < 3; i++) {
			consume(List.of(rule), "a");
		}
		RateLimitDecision perSecond = consume(List.of(rule), "a");
		assertThat(perSecond.isAllowed()).isFalse();
		assertThat(perSecond.getViolated().limit()).isEqualTo(3);
		this.clock.advance(Duration.ofSeconds(1));
		RateLimitDecision fourth = consume(List.of(rule), "a");
		assertThat(fourth.closestToExhaustion().limit()).isEqualTo(5);
		assertThat(fourth.closestToExhaustion().remaining()).isEqualTo(1);
		consume(List.of(rule), "a");
		this.clock.advance(Duration.ofSeconds(1));
		RateLimitDecision perHour = consume(List.of(rule), "a");
		assertThat(perHour.isAllowed()).isFalse();
		assertThat(perHour.getViolated().limit()).isEqualTo(5);
	}

	@Test
	void greedyRefillReturnsTokensOneByOne() {
		RateLimitRule rule = builder("r", "60/1m", "/**").refill(Refill.GREEDY).build();
		for (int i = 0; i < 60; i++) {
			assertThat(consume(List.of(rule), "a").isAllowed()).isTrue();
		}
		RateLimitDecision rejected = consume(List.of(rule), "a");
		assertThat(rejected.getViolated().nanosToRetry()).isEqualTo(Duration.ofSeconds(1).toNanos());
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(consume(List.of(rule), "a").isAllowed()).isTrue();
		assertThat(consume(List.of(rule), "a").isAllowed()).isFalse();
	}

	@Test
	void idleBucketsAreForgottenWithinAPeriodAndAHalf() {
		InMemoryBucketStore store = new InMemoryBucketStore(1000, this.clock);
		RateLimiter limiter = new RateLimiter(store);
		RateLimitRule rule = rule("r", "1/1m", "/**");
		limiter.consume(List.of(rule), List.of("a"));
		limiter.consume(List.of(rule), List.of("b"));
		assertThat(store.size()).isEqualTo(2);
		this.clock.advance(Duration.ofSeconds(90));
		store.cleanUp();
		assertThat(store.size()).isZero();
	}

	/**
	 * Most reads are not recorded with the cache, so its idea of a bucket's last use
	 * can be up to half a period old: the bucket must still outlive its last real use
	 * by a whole period.
	 */
	@Test
	void aBucketIsNotDroppedBeforeItIsFull() {
		InMemoryBucketStore store = new InMemoryBucketStore(1000, this.clock);
		RateLimiter limiter = new RateLimiter(store);
		RateLimitRule rule = builder("r", "3/1m", "/**").refill(Refill.GREEDY).build();
		for (int i = 0; i < 3; i++) {
			assertThat(limiter.consume(List.of(rule), List.of("a")).isAllowed()).isTrue();
		}
		this.clock.advance(Duration.ofSeconds(25));
		assertThat(limiter.consume(List.of(rule), List.of("a")).isAllowed()).as("1.25 tokens back").isTrue();
		this.clock.advance(Duration.ofSeconds(45));
		store.cleanUp();
		assertThat(limiter.consume(List.of(rule), List.of("a")).isAllowed()).isTrue();
		assertThat(limiter.consume(List.of(rule), List.of("a")).isAllowed()).isTrue();
		assertThat(limiter.consume(List.of(rule), List.of("a")).isAllowed()).as("2.5 tokens back, not 3").isFalse();
	}

	private RateLimitDecision consume(List<RateLimitRule> rules, String key) {
		return this.limiter.consume(rules, rules.stream().map((rule) -> key).toList());
	}

	/**
	 * A store taken to be remote, in memory, where giving tokens back to one limit's
	 * buckets fails.
	 */
	private static final class RefundsFailFor extends ForwardingBucketStore {

		private final RateLimitRule failing;

		RefundsFailFor(RateLimitRule failing, BucketStore memory) {
			super(memory);
			this.failing = failing;
		}

		@Override
		public TokenBucket bucket(RateLimitRule rule, String key, Bandwidths bandwidths, long version) {
			TokenBucket bucket = this.delegate.bucket(rule, key, bandwidths, version);
			return (rule != this.failing) ? bucket : new TokenBucket() {

				@Override
				public ConsumptionProbe tryConsume(long tokens, long @Nullable [] available) {
					return bucket.tryConsume(tokens, available);
				}

				@Override
				public void addTokens(long tokens) {
					throw new IllegalStateException("the store went away");
				}

				@Override
				public long availableTokens() {
					return bucket.availableTokens();
				}

				@Override
				public long nanosToFull() {
					return bucket.nanosToFull();
				}

			};
		}

	}

}
