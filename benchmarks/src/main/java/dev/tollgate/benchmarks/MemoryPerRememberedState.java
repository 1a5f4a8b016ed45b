package dev.tollgate.benchmarks;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import dev.tollgate.limiter.RateLimiter;
import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.store.redis.LastKnownStateProxyManager;
import dev.tollgate.store.redis.RedisBucketStore;

/**
 * Heap used on an instance per key of the Redis store: the state Tollgate's proxy
 * manager remembers so that it need not read it again. Fills the store with
 * {@value #KEYS} IPv4 keys under a one-rate limit, against a real redis-server on
 * 127.0.0.1, and compares the live heap after full collections. Run with
 * {@code java -Xmx1g -XX:+UseParallelGC -cp benchmarks/target/benchmarks.jar
 * dev.tollgate.benchmarks.MemoryPerRememberedState}.
 */
public final class MemoryPerRememberedState {

	private static final int KEYS = 100_000;

	private MemoryPerRememberedState() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		try (LocalRedis redis = new LocalRedis()) {
			LastKnownStateProxyManager proxyManager = new LastKnownStateProxyManager(redis.connection(),
					Duration.ofSeconds(2), null, 2L * KEYS);
			RateLimiter limiter = new RateLimiter(new RedisBucketStore(proxyManager, "tollgate", null, 2L * KEYS));
			RateLimitRule rule = DecisionPath.rule("api", "200/1m", "/**", "ip");
			for (String key : DecisionPath.addresses(1000)) {
				limiter.consume(List.of(rule), List.of(key + "-warm-up"));
			}
			String[] addresses = DecisionPath.addresses(KEYS);
			long before = MemoryPerKey.liveHeap();
			for (String address : addresses) {
				limiter.consume(List.of(rule), List.of(address));
			}
			long after = MemoryPerKey.liveHeap();
			System.out.printf("keys remembered: %d%n", proxyManager.rememberedKeys());
			System.out.printf("heap per remembered key (state, Redis key, cache entry): %d bytes%n",
					(after - before) / KEYS);
		}
	}

}
