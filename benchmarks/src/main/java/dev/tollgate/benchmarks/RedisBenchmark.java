package dev.tollgate.benchmarks;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.tollgate.limiter.RateLimitDecision;
import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.store.redis.LastKnownStateProxyManager;
import dev.tollgate.store.redis.LettuceConnection;
import dev.tollgate.store.redis.RedisBucketStore;
import dev.tollgate.web.ResponseHeaders;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.mock.web.MockHttpServletRequest;

/**
 * (e) The decision path on the Redis store, against a real redis-server on 127.0.0.1
 * (the binary shipped in the embedded-redis artifact), with one and two limits, on
 * Tollgate's proxy manager (one round trip per request: an EVAL of the compare-and-swap
 * script against the state it last wrote for each limit, the limits' EVALs sent
 * together) and on Bucket4j's own (two per request: the GETs, then the EVALs).
 * The figure is mostly loopback latency.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class RedisBenchmark {

	/** Whose compare-and-swap: {@code tollgate} or {@code bucket4j}. */
	@Param({ "tollgate", "bucket4j" })
	public String proxyManager;

	private LocalRedis redis;

	private DecisionPath oneLimit;

	private DecisionPath twoLimits;

	private final MockHttpServletRequest request = DecisionPath.request("/api/orders/42", "203.0.113.7");

	private final ResponseHeaders response = DecisionPath.headers();

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		this.redis = new LocalRedis();
		LettuceConnection<byte[]> connection = this.redis.connection();
		ProxyManager<byte[]> proxies = switch (this.proxyManager) {
			case "tollgate" -> new LastKnownStateProxyManager(connection, Duration.ofSeconds(2), null, 1000);
			case "bucket4j" -> new Bucket4jLettuce.LettuceBasedProxyManagerBuilder<>(connection)
				.expirationAfterWrite(
						ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(5)))
				.requestTimeout(Duration.ofSeconds(2))
				.build();
			default -> throw new IllegalArgumentException("proxyManager: tollgate or bucket4j");
		};
		RedisBucketStore store = new RedisBucketStore(proxies, "bench", null, 1000);
		RateLimitRule api = DecisionPath.rule("api", DecisionPath.UNLIMITED, "/api/**", "ip");
		RateLimitRule orders = DecisionPath.rule("orders", DecisionPath.UNLIMITED, "/api/orders/**", "ip");
		this.oneLimit = new DecisionPath(List.of(api), store, DecisionPath.draft6());
		this.twoLimits = new DecisionPath(List.of(api, orders), store, DecisionPath.draft6());
	}

	@TearDown(Level.Trial)
	public void tearDown() throws IOException {
		this.redis.close();
	}

	@Benchmark
	public RateLimitDecision e_redisOneLimit() {
		return this.oneLimit.decide(this.request, this.response);
	}

	@Benchmark
	public RateLimitDecision e_redisTwoLimits() {
		return this.twoLimits.decide(this.request, this.response);
	}

}
