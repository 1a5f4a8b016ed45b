package dev.tollgate.limiter;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tollgate.ForwardingBucketStore;
import dev.tollgate.ManualClock;
import dev.tollgate.rule.Bandwidths;
import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.store.BucketStore;
import dev.tollgate.store.InMemoryBucketStore;
import dev.tollgate.store.TokenBucket;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.junit.jupiter.api.Test;

import static dev.tollgate.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guard in front of a store whose nodes fail one at a time: a breaker per node the
 * store names, opening after five failures in a row, closing after three successes.
 */
class ResilientStoreGuardTests {

	private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final RateLimitRule rule = rule("nodes", "3/1m", "/**");

	private final NodesStore store = new NodesStore(new InMemoryBucketStore(100, this.clock));

	private final ResilientStoreGuard guard = new ResilientStoreGuard(CircuitBreakerConfig.custom()
		.slidingWindow(20, 5, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
		.waitDurationInOpenState(Duration.ofSeconds(10))
		.permittedNumberOfCallsInHalfOpenState(3)
		.clock(this.clock)
		.build(), OnStoreFailure.ALLOW, null, Duration.ofSeconds(10));

	private final RateLimiter limiter = new RateLimiter(this.store, this.guard, List.of());

	@Test
	void aFailingNodesBreakerOpensAloneAndTheOtherNodesKeepAnswering() {
		this.store.failing.add("node-a");
		for (int i = 0; i < 5; i++) {
			assertThat(outcomeOf("a1")).isEqualTo(Outcome.ERROR);
		}
		assertThat(this.guard.getNodeStates()).containsExactly(Map.entry("node-a", State.OPEN));
		int calls = this.store.calls;
		assertThat(outcomeOf("a1")).isEqualTo(Outcome.ERROR);
		assertThat(this.store.calls).as("an open breaker skips the store").isEqualTo(calls);
		for (int i = 0; i < 3; i++) {
			assertThat(outcomeOf("b1")).isEqualTo(Outcome.ALLOWED);
		}
		assertThat(outcomeOf("b1")).as("counted by the store: the fourth of three").isEqualTo(Outcome.REJECTED);
		assertThat(this.guard.getNodeStates()).containsExactly(Map.entry("node-a", State.OPEN),
				Map.entry("node-b", State.CLOSED));
		assertThat(this.guard.getState()).isEqualTo(State.OPEN);
	}

	@Test
	void theWholeStoresBreakerNoLongerCountsOnceTheStoreNamesItsNodes() {
		this.store.named = false;
		this.store.failing.add("");
		for (int i = 0; i < 5; i++) {
			assertThat(outcomeOf("a1")).isEqualTo(Outcome.ERROR);
		}
		assertThat(this.guard.getState()).as("the store is unreachable as a whole").isEqualTo(State.OPEN);
		assertThat(this.guard.getNodeStates()).isEmpty();
		this.clock.advance(Duration.ofSeconds(11));
		this.store.failing.clear();
		this.store.named = true;
		assertThat(outcomeOf("a1")).isEqualTo(Outcome.ALLOWED);
		assertThat(this.guard.getState()).as("the whole store's breaker serves no call any more")
			.isEqualTo(State.CLOSED);
	}

	/**
	 * A failed-over master's breaker, open when its replica took its place, serves no
	 * request since: after a minute on the breakers' clock it is forgotten, and no longer
	 * shows.
	 */
	@Test
	void aNodeNoRequestNeedsAnyMoreIsForgottenAfterAMinute() {
		this.store.failing.add("node-a");
		for (int i = 0; i < 5; i++) {
			assertThat(outcomeOf("a1")).isEqualTo(Outcome.ERROR);
		}
		assertThat(outcomeOf("b1")).isEqualTo(Outcome.ALLOWED);
		this.clock.advance(Duration.ofSeconds(59));
		assertThat(outcomeOf("b2")).isEqualTo(Outcome.ALLOWED);
		assertThat(this.guard.getNodeStates()).as("a minute has not passed")
			.containsEntry("node-a", State.OPEN);
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(this.guard.getNodeStates()).containsExactly(Map.entry("node-b", State.CLOSED));
		assertThat(this.guard.getState()).isEqualTo(State.CLOSED);
	}

	private Outcome outcomeOf(String key) {
		return this.limiter.consume(List.of(this.rule), List.of(key)).getOutcome(0).outcome();
	}

	/**
	 * A store of two nodes, {@code node-a} for keys starting with {@code a} and
	 * {@code node-b} for the others, or of one if not named; either fails on demand.
	 */
	static final class NodesStore extends ForwardingBucketStore {

		final Set<String> failing = new HashSet<>();

		boolean named = true;

		int calls;

		NodesStore(BucketStore delegate) {
			super(delegate);
		}

		@Override
		public String nodeOf(RateLimitRule rule, String key) {
			return this.named ? "node-" + key.charAt(0) : "";
		}

		@Override
		public TokenBucket bucket(RateLimitRule rule, String key, Bandwidths bandwidths, long version) {
			this.calls++;
			if (this.failing.contains(nodeOf(rule, key))) {
				throw new IllegalStateException(nodeOf(rule, key) + " is down");
			}
			return this.delegate.bucket(rule, key, bandwidths, version);
		}

	}

}
