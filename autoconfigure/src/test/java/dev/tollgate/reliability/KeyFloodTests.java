package dev.tollgate.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.tollgate.ManualClock;
import dev.tollgate.autoconfigure.TollgateAutoConfiguration;
import dev.tollgate.autoconfigure.TollgateMetricsAutoConfiguration;
import dev.tollgate.limiter.RateLimiter;
import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.rule.RateLimitRules;
import dev.tollgate.store.InMemoryBucketStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static dev.tollgate.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client cycling through a huge number of keys cannot grow the in-memory store past
 * its maximum, and cannot push out the keys that real clients keep using.
 */
class KeyFloodTests {

	private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final RateLimitRule rule = rule("api", "5/1m", "/**");

	@Test
	void floodOfKeysStaysWithinTheMaximumAndIsCounted() {
		InMemoryBucketStore store = new InMemoryBucketStore(1_000, this.clock);
		RateLimiter limiter = new RateLimiter(store);
		for (int i = 0; i < 100_000; i++) {
			limiter.consume(List.of(this.rule), List.of("flood-" + i));
		}
		store.cleanUp();
		assertThat(store.size()).isLessThanOrEqualTo(1_000);
		assertThat(store.evictions()).isGreaterThanOrEqualTo(99_000);
	}

	@Test
	void keysInUseSurviveAFloodOfOneOffKeys() {
		InMemoryBucketStore store = new InMemoryBucketStore(1_000, this.clock);
		RateLimiter limiter = new RateLimiter(store);
		List<String> regulars = List.of("alice", "bob", "carol");
		for (int i = 0; i < 100_000; i++) {
			limiter.consume(List.of(this.rule), List.of("flood-" + i));
			if (i % 500 == 0) {
				regulars.forEach((key) -> limiter.consume(List.of(this.rule), List.of(key)));
			}
		}
		store.cleanUp();
		for (String key : regulars) {
			assertThat(limiter.consume(List.of(this.rule), List.of(key)).isAllowed()).isFalse();
		}
	}

	@Test
	void idleKeysGoFirstWithoutCountingAsEvictions() {
		InMemoryBucketStore store = new InMemoryBucketStore(1_000, this.clock);
		RateLimiter limiter = new RateLimiter(store);
		for (int i = 0; i < 800; i++) {
			limiter.consume(List.of(this.rule), List.of("old-" + i));
		}
		this.clock.advance(Duration.ofSeconds(90));
		for (int i = 0; i < 800; i++) {
			limiter.consume(List.of(this.rule), List.of("new-" + i));
		}
		store.cleanUp();
		assertThat(store.size()).isEqualTo(800);
		assertThat(store.evictions()).isZero();
	}

	@Test
	void evictionsAreVisibleInMetrics() {
		new WebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(TollgateAutoConfiguration.class, TollgateMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("tollgate.store.maximum-keys=10", "tollgate.limits.api.paths=/**",
					"tollgate.limits.api.rate=5/1m")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				context.getBeansOfType(MeterBinder.class).values().forEach((binder) -> binder.bindTo(registry));
				RateLimitRule api = context.getBean(RateLimitRules.class).getLimits().get(0);
				RateLimiter limiter = context.getBean(RateLimiter.class);
				for (int i = 0; i < 500; i++) {
					limiter.consume(List.of(api), List.of("k" + i));
				}
				context.getBean(InMemoryBucketStore.class).cleanUp();
				assertThat(registry.get("tollgate.store.evictions").functionCounter().count())
					.isGreaterThanOrEqualTo(490);
				assertThat(registry.get("tollgate.store.keys").gauge().value()).isLessThanOrEqualTo(10);
			});
	}

}
