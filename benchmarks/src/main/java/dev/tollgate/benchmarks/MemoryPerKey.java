package dev.tollgate.benchmarks;

import java.util.List;

import dev.tollgate.key.KeyHasher;
import dev.tollgate.key.SipHashKeyHasher;
import dev.tollgate.limiter.RateLimiter;
import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.store.InMemoryBucketStore;
import io.github.bucket4j.TimeMeter;

/**
 * Heap used per tracked key in the in-memory store: fills a store with 1,000,000 keys
 * and compares the live heap after full collections, first with IPv4 addresses (as the
 * default key resolver makes them), then with hashed API keys (as a header key
 * resolver makes them). The store keeps a 128-bit fingerprint of each key rather than
 * the key, so the two cost the same. Run with
 * {@code java -Xmx2g -XX:+UseParallelGC -cp benchmarks/target/benchmarks.jar dev.tollgate.benchmarks.MemoryPerKey}.
 */
public final class MemoryPerKey {

	private static final int KEYS = 1_000_000;

	private MemoryPerKey() {
	}

	public static void main(String[] args) throws InterruptedException {
		String[] addresses = DecisionPath.addresses(KEYS);
		System.out.printf("heap per tracked key (IPv4 addresses): %d bytes%n", fill(addresses));
		KeyHasher hasher = new SipHashKeyHasher();
		String[] apiKeys = new String[KEYS];
		for (int i = 0; i < KEYS; i++) {
			apiKeys[i] = hasher.hash("api-key-" + i);
		}
		addresses = null;
		System.out.printf("heap per tracked key (hashed API keys): %d bytes%n", fill(apiKeys));
	}

	/**
	 * Track every key in a new store.
	 * @return the heap per tracked key that the store holds (the caller holds the keys)
	 */
	private static long fill(String[] keys) throws InterruptedException {
		RateLimitRule rule = DecisionPath.rule("api", "100/1m", "/**", "ip");
		InMemoryBucketStore store = new InMemoryBucketStore(KEYS, TimeMeter.SYSTEM_NANOTIME);
		RateLimiter limiter = new RateLimiter(store);
		long before = liveHeap();
		for (int i = 0; i < KEYS; i++) {
			limiter.consume(List.of(rule), List.of(keys[i]));
		}
		store.cleanUp();
		long filled = liveHeap();
		System.out.printf("keys tracked: %d%n", store.size());
		if (keys.length != store.size()) {
			System.out.println("warning: not every key is tracked");
		}
		return (filled - before) / KEYS;
	}

	/** The heap still in use after full collections. */
	static long liveHeap() throws InterruptedException {
		for (int i = 0; i < 4; i++) {
			System.gc();
			Thread.sleep(100);
		}
		Runtime runtime = Runtime.getRuntime();
		return runtime.totalMemory() - runtime.freeMemory();
	}

}
