package dev.tollgate.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.tollgate.limiter.RateLimitDecision;
import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.store.InMemoryBucketStore;
import dev.tollgate.web.ResponseHeaders;
import io.github.bucket4j.TimeMeter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The in-memory decision path: matching, key resolution (client IP), consumption and
 * header values, for (a) one limit and one key, (b) one limit and 1,000,000 distinct
 * keys, (c) two stacked limits, (d) a rejected request, (f) one limit keyed by an
 * API key header (hashed on each request, with SipHash as for the in-memory store),
 * and (g) the same with 1,000,000 distinct API keys (the header is replaced on each
 * request, which the mock request makes a little dearer than reading it).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms2g", "-Xmx2g" })
@State(Scope.Thread)
public class InMemoryBenchmark {

	private static final int KEYS = 1_000_000;

	private DecisionPath oneLimit;

	private DecisionPath twoLimits;

	private DecisionPath rejecting;

	private DecisionPath headerKeyed;

	private DecisionPath manyKeys;

	private DecisionPath manyApiKeys;

	private MockHttpServletRequest request;

	private MockHttpServletRequest keyedRequest;

	private MockHttpServletRequest manyKeyedRequest;

	private String[] addresses;

	private String[] apiKeys;

	private int next;

	private final ResponseHeaders response = DecisionPath.headers();

	@Setup
	public void setUp() {
		RateLimitRule api = DecisionPath.rule("api", DecisionPath.UNLIMITED, "/api/**", "ip");
		RateLimitRule orders = DecisionPath.rule("orders", DecisionPath.UNLIMITED, "/api/orders/**", "ip");
		this.oneLimit = new DecisionPath(List.of(api), store(), DecisionPath.draft6());
		this.twoLimits = new DecisionPath(List.of(api, orders), store(), DecisionPath.draft6());
		this.rejecting = new DecisionPath(List.of(DecisionPath.rule("strict", "1/1h", "/api/**", "ip")), store(),
				DecisionPath.draft6());
		this.headerKeyed = new DecisionPath(List.of(DecisionPath.rule("keyed", DecisionPath.UNLIMITED, "/api/**",
				"header:X-Api-Key")), store(), DecisionPath.draft6());
		// a one-minute window, so that each key's bucket lives while the keys cycle
		this.manyKeys = new DecisionPath(List.of(DecisionPath.rule("api", "60000/1m", "/api/**", "ip")),
				new InMemoryBucketStore(KEYS, TimeMeter.SYSTEM_NANOTIME), DecisionPath.draft6());
		this.manyApiKeys = new DecisionPath(List.of(DecisionPath.rule("api", "60000/1m", "/api/**",
				"header:X-Api-Key")), new InMemoryBucketStore(KEYS, TimeMeter.SYSTEM_NANOTIME), DecisionPath.draft6());
		this.request = DecisionPath.request("/api/orders/42", "203.0.113.7");
		this.keyedRequest = DecisionPath.request("/api/orders/42", "203.0.113.7");
		this.keyedRequest.addHeader("X-Api-Key", "k-3f9a7c1e5b2d4f6a8c0e");
		this.manyKeyedRequest = DecisionPath.request("/api/orders/42", "203.0.113.7");
		this.addresses = DecisionPath.addresses(KEYS);
		this.apiKeys = new String[KEYS];
		for (int i = 0; i < KEYS; i++) {
			this.apiKeys[i] = "k-" + Integer.toHexString(0x10000000 + i) + "-5b2d4f6a8c0e";
		}
	}

	private static InMemoryBucketStore store() {
		return new InMemoryBucketStore(100_000, TimeMeter.SYSTEM_NANOTIME);
	}

	@Benchmark
	public RateLimitDecision a_oneLimitOneKey() {
		return this.oneLimit.decide(this.request, this.response);
	}

	@Benchmark
	public RateLimitDecision b_oneLimitMillionKeys() {
		this.request.setRemoteAddr(this.addresses[this.next++ % KEYS]);
		return this.manyKeys.decide(this.request, this.response);
	}

	@Benchmark
	public RateLimitDecision c_twoStackedLimits() {
		return this.twoLimits.decide(this.request, this.response);
	}

	@Benchmark
	public RateLimitDecision d_rejected() {
		return this.rejecting.decide(this.request, this.response);
	}

	@Benchmark
	public RateLimitDecision f_headerKeyed() {
		return this.headerKeyed.decide(this.keyedRequest, this.response);
	}

	/** Ten warm-up iterations: the first ones create the million buckets. */
	@Benchmark
	@Warmup(iterations = 10, time = 2)
	public RateLimitDecision g_headerKeyedMillionKeys() {
		this.manyKeyedRequest.removeHeader("X-Api-Key");
		this.manyKeyedRequest.addHeader("X-Api-Key", this.apiKeys[this.next++ % KEYS]);
		return this.manyApiKeys.decide(this.manyKeyedRequest, this.response);
	}

}
