package dev.tollgate.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import dev.tollgate.ManualClock;
import dev.tollgate.ManualClockConfiguration;
import dev.tollgate.TestRedis;
import dev.tollgate.TestRedisCluster;
import dev.tollgate.limiter.RateLimitDecision;
import dev.tollgate.limiter.RateLimiter;
import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.store.InMemoryBucketStore;
import dev.tollgate.store.redis.LastKnownStateProxyManager;
import dev.tollgate.store.redis.LettuceConnection;
import dev.tollgate.store.redis.RedisBucketStore;
import io.github.bucket4j.distributed.proxy.optimization.Optimization;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static dev.tollgate.TestRules.rule;
import static dev.tollgate.reliability.Hammer.hammer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many threads on one key admit exactly the capacity: in memory, on Redis shared by two
 * instances (also on a Redis Cluster), and through real HTTP.
 */
class ConcurrencyTests {

	private static final int THREADS = 64;

	private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

	@Test
	void inMemoryAdmitsExactlyTheCapacity() throws Exception {
		RateLimitRule rule = rule("hot", "100/1m", "/**");
		RateLimiter limiter = new RateLimiter(new InMemoryBucketStore(1000, this.clock));
		List<Boolean> allowed = hammer(THREADS, 20,
				(thread, attempt) -> limiter.consume(List.of(rule), List.of("one-key")).isAllowed());
		assertThat(allowed).hasSize(1280);
		assertThat(allowed.stream().filter(Boolean::booleanValue).count()).isEqualTo(100);
	}

	/**
	 * 64 threads on 2,000 keys, spread over the in-memory store's 8 segments, which grow
	 * from a few rows while the threads write them: every key admits exactly its
	 * capacity of the requests it gets.
	 */
	@Test
	void inMemoryAdmitsExactlyEachKeysCapacityWhileItsTableGrows() throws Exception {
		RateLimitRule rule = rule("keys", "5/1m", "/**");
		InMemoryBucketStore store = new InMemoryBucketStore(4_000, this.clock);
		RateLimiter limiter = new RateLimiter(store);
		int keys = 2_000;
		List<String> admitted = hammer(THREADS, 200, (thread, attempt) -> {
			String key = "key-" + ((thread * 7_919 + attempt * 31) % keys);
			return limiter.consume(List.of(rule), List.of(key)).isAllowed() ? key : null;
		});
		int[] requests = new int[keys];
		for (int thread = 0; thread < THREADS; thread++) {
			for (int attempt = 0; attempt < 200; attempt++) {
				requests[(thread * 7_919 + attempt * 31) % keys]++;
			}
		}
		long expected = 0;
		for (int count : requests) {
			expected += Math.min(5, count);
		}
		assertThat(admitted.stream().filter(Objects::nonNull).count()).isEqualTo(expected);
		assertThat(admitted.stream().filter(Objects::nonNull).collect(Collectors.groupingBy(key -> key,
				Collectors.counting())).values()).allMatch((count) -> count <= 5);
		assertThat(store.size()).isEqualTo(Arrays.stream(requests).filter((count) -> count > 0).count());
	}

	@Test
	void stackedLimitsRefundExactlyUnderContention() throws Exception {
		RateLimitRule narrow = rule("narrow", "100/1m", "/**");
		RateLimitRule wide = rule("wide", "1000/1m", "/**");
		RateLimiter limiter = new RateLimiter(new InMemoryBucketStore(1000, this.clock));
		List<RateLimitDecision> decisions = hammer(THREADS, 20,
				(thread, attempt) -> limiter.consume(List.of(wide, narrow), List.of("k", "k")));
		assertThat(decisions.stream().filter(RateLimitDecision::isAllowed).count()).isEqualTo(100);
		RateLimitDecision next = limiter.consume(List.of(wide), List.of("k"));
		assertThat(next.getOutcomes().get(0).remaining()).as("wide kept only the admitted requests").isEqualTo(899);
	}

	@Test
	void redisSharedByTwoInstancesAdmitsExactlyTheCapacity() throws Exception {
		assertThat(admittedByTwoInstancesOnRedis(null)).isEqualTo(100);
	}

	@Test
	void redisWithBucket4jsBatchingOnOneInstanceAdmitsExactlyTheCapacity() throws Exception {
		assertThat(admittedByTwoInstancesOnRedis(Optimizations.batching())).isEqualTo(100);
	}

	/**
	 * Two limits on Redis, each request's two commands in flight together: 64 threads
	 * on two instances, 640 requests; the narrow limit admits exactly its capacity, and
	 * the wide one keeps only the admitted requests, every other one refunded.
	 */
	@Test
	void stackedLimitsOnRedisRefundExactlyUnderContention() throws Exception {
		onTwoInstancesOnRedis(null, (instanceA, instanceB) -> stackedLimitsRefundExactly(instanceA, instanceB, "k"));
	}

	/**
	 * The same on a Redis Cluster of three masters: the two limits' keys hash to slots
	 * of different masters, and each request's commands still go out together through
	 * the cluster connection, one per master.
	 */
	@Test
	void stackedLimitsOnARedisClusterRefundExactlyUnderContention() throws Exception {
		try (TestRedisCluster cluster = new TestRedisCluster()) {
			cluster.start();
			onTwoInstances(RedisClusterClient.create(cluster.uris()), null,
					(instanceA, instanceB) -> stackedLimitsRefundExactly(instanceA, instanceB, "key"));
			assertThat(cluster.eachMaster().stream().filter((master) -> master.dbsize() == 1))
				.as("masters holding one of the two limits' keys")
				.hasSize(2);
		}
	}

	private Void stackedLimitsRefundExactly(RateLimiter instanceA, RateLimiter instanceB, String key)
			throws Exception {
		RateLimitRule narrow = rule("narrow", "100/1m", "/**");
		RateLimitRule wide = rule("wide", "1000/1m", "/**");
		List<RateLimitDecision> decisions = hammer(THREADS, 10, (thread, attempt) -> ((thread % 2 == 0) ? instanceA
				: instanceB).consume(List.of(wide, narrow), List.of(key, key)));
		assertThat(decisions).hasSize(640);
		assertThat(decisions.stream().filter(RateLimitDecision::isAllowed).count()).isEqualTo(100);
		RateLimitDecision next = instanceB.consume(List.of(wide), List.of(key));
		assertThat(next.getOutcomes().get(0).remaining()).as("wide kept only the admitted requests").isEqualTo(899);
		return null;
	}

	/**
	 * 64 threads, half on each of two instances, 640 requests to a limit of 100 on one
	 * key.
	 * @param optimization the first instance's Bucket4j optimization, or {@code null}
	 * @return how many were admitted
	 */
	private long admittedByTwoInstancesOnRedis(@Nullable Optimization optimization) throws Exception {
		RateLimitRule rule = rule("hot", "100/1m", "/**");
		return onTwoInstancesOnRedis(optimization, (instanceA, instanceB) -> {
			List<Boolean> allowed = hammer(THREADS, 10, (thread, attempt) -> ((thread % 2 == 0) ? instanceA
					: instanceB).consume(List.of(rule), List.of("one-key")).isAllowed());
			assertThat(allowed).hasSize(640);
			return allowed.stream().filter(Boolean::booleanValue).count();
		});
	}

	/**
	 * Run a scenario on two instances sharing a real Redis server.
	 * @param optimization the first instance's Bucket4j optimization, or {@code null}
	 * @param scenario what the instances do
	 * @return what the scenario returns
	 */
	private <T> T onTwoInstancesOnRedis(@Nullable Optimization optimization, TwoInstances<T> scenario)
			throws Exception {
		try (TestRedis redis = new TestRedis()) {
			redis.start();
			return onTwoInstances(RedisClient.create("redis://127.0.0.1:" + redis.port()), optimization, scenario);
		}
	}

	/**
	 * Run a scenario on two instances sharing Redis through a client, each with its own
	 * connection, then shut the client down.
	 * @param client the client, standalone or cluster
	 * @param optimization the first instance's Bucket4j optimization, or {@code null}
	 * @param scenario what the instances do
	 * @return what the scenario returns
	 */
	private <T> T onTwoInstances(AbstractRedisClient client, @Nullable Optimization optimization,
			TwoInstances<T> scenario) throws Exception {
		List<LastKnownStateProxyManager> managers = new ArrayList<>();
		try (LettuceConnection<byte[]> first = LettuceConnection.on(client, Duration.ofSeconds(5));
				LettuceConnection<byte[]> second = LettuceConnection.on(client, Duration.ofSeconds(5))) {
			managers.add(new LastKnownStateProxyManager(first, Duration.ofSeconds(5), this.clock, 1000));
			managers.add(new LastKnownStateProxyManager(second, Duration.ofSeconds(5), this.clock, 1000));
			return scenario.run(new RateLimiter(new RedisBucketStore(managers.get(0), "concurrency", optimization, 1000)),
					new RateLimiter(new RedisBucketStore(managers.get(1), "concurrency", null, 1000)));
		}
		finally {
			managers.forEach(LastKnownStateProxyManager::close);
			client.shutdown();
		}
	}

	@FunctionalInterface
	private interface TwoInstances<T> {

		T run(RateLimiter instanceA, RateLimiter instanceB) throws Exception;

	}

	@Nested
	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "tollgate.limits.hot.paths=/hot", "tollgate.limits.hot.rate=50/1m",
					"server.tomcat.threads.max=64" })
	class OverHttp {

		@LocalServerPort
		private int port;

		@Test
		void realHttpAdmitsExactlyTheCapacityAndNeverFails() throws Exception {
			HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/hot"))
				.timeout(Duration.ofSeconds(30))
				.build();
			List<Integer> statuses = hammer(THREADS, 4,
					(thread, attempt) -> client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
			assertThat(statuses).hasSize(256);
			assertThat(statuses.stream().filter((status) -> status == 200).count()).isEqualTo(50);
			assertThat(statuses.stream().filter((status) -> status == 429).count()).isEqualTo(206);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ ManualClockConfiguration.class, HotEndpoint.class })
	static class TestApplication {

	}

	@RestController
	static class HotEndpoint {

		@GetMapping("/hot")
		String hot() {
			return "hot";
		}

	}

}
