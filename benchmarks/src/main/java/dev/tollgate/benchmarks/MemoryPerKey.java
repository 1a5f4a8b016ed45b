package dev.tollgate.benchmarks;

import java.util.List;

import dev.tollgate.key.KeyHasher;
import dev.tollgate.limiter.RateLimiter;
import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.store.InMemoryBucketStore;
import io.github.bucket4j.TimeMeter;

/**
 * Heap used per tracked key in the in-memory store: fills a store with 1,000,000 keys
 * and compares the live heap after full collections, first with IPv4 addresses (as the
 * default key resolver makes them), then with hashed API keys (as a header key
 * resolver makes them); either is kept as the cache key. Run with
 * {@code java -Xmx2g -XX:+UseParallelGC -cp benchmarks/target/benchmarks.jar dev.tollgate.benchmarks.MemoryPerKey}.
 */
public final class MemoryPerKey {

	private static final int KEYS = 1_000_000;

	private MemoryPerKey() {
	}

	public static void main(String[] args) throws InterruptedException {
		long empty = liveHeap();
		String[] addresses = DecisionPath.addresses(KEYS);
		long addressBytes = (liveHeap() - empty - 4L * KEYS) / KEYS;
		long entryBytes = fill(addresses);
		System.out.printf("heap per tracked key, bucket and cache entry: %d bytes%n", entryBytes);
		System.out.printf("heap per key string (IPv4 address, kept as the cache key): %d bytes%n", addressBytes);
		System.out.printf("heap per tracked key, key string included: %d bytes%n", entryBytes + addressBytes);
		KeyHasher hasher = new KeyHasher();
		addresses = null;
		long beforeApiKeys = liveHeap();
		String[] apiKeys = new String[KEYS];
		for (int i = 0; i < KEYS; i++) {
			apiKeys[i] = hasher.hash("api-key-" + i);
		}
		long apiKeyBytes = (liveHeap() - beforeApiKeys - 4L * KEYS) / KEYS;
		entryBytes = fill(apiKeys);
		System.out.printf("heap per key string (hashed API key, 22 characters): %d bytes%n", apiKeyBytes);
		System.out.printf("heap per tracked hashed API key, key string included: %d bytes%n",
				entryBytes + apiKeyBytes);
	}

	/**
	 * Track every key in a new store.
	 * @return the heap per tracked key that the store holds, beyond the key strings
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
