package dev.tollgate.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.tollgate.key.KeyHasher;
import dev.tollgate.key.Sha256KeyHasher;
import dev.tollgate.key.SipHashKeyHasher;
import dev.tollgate.limiter.LimitRequest;
import dev.tollgate.limiter.RateLimitDecision;
import dev.tollgate.metrics.RateLimitMetrics;
import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.store.InMemoryBucketStore;
import dev.tollgate.web.RateLimitHeaderWriter;
import dev.tollgate.web.ResponseHeaders;
import io.github.bucket4j.TimeMeter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The decision path of one request keyed by an API key, and each of its parts, with the
 * data caches as warm as a loop over the same request leaves them ({@code evicted=0})
 * or emptied from the L2 cache before each request ({@code evicted=4194304}: 4 MiB
 * read before each invocation, outside the measured time, twice the L2 caches of
 * BENCHMARKS.md's machine's two cores), as over HTTP, where a request's other work
 * (Tomcat's, the application's) passes between two decisions. That evicts all the
 * decision's data, more than a request's other work may, while the code stays in the
 * instruction cache and the branch predictors stay trained: warm and cold bracket
 * what a decision costs over HTTP. The parts are timed on the whole path's own objects
 * (its route cache, key hasher, limiter and store). {@code nothing} measures what the
 * per-invocation timing itself costs.
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ColdDecision
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms2g", "-Xmx2g" })
@State(Scope.Thread)
public class ColdDecision {

	private static final String API_KEY = "k-3f9a7c1e5b2d4f6a8c0e";

	@Param({ "0", "4194304" })
	private int evicted;

	private CacheEviction eviction;

	private RateLimitRule rule;

	private RateLimitHeaderWriter headers;

	private RateLimitMetrics metrics;

	private DecisionPath path;

	/** The in-memory store's hasher, as the auto-configuration picks for it: the path's own. */
	private final KeyHasher hasher = new SipHashKeyHasher();

	/** A shared store's hasher (Redis): the same keys on every instance. */
	private final KeyHasher sha256 = new Sha256KeyHasher();

	private MockHttpServletRequest request;

	private List<LimitRequest> applicable;

	private RateLimitDecision decision;

	private final ResponseHeaders response = DecisionPath.headers();

	@Setup
	public void setUp() {
		this.eviction = new CacheEviction(this.evicted);
		this.rule = DecisionPath.rule("keyed", DecisionPath.UNLIMITED, "/api/**", "header:X-Api-Key",
				DecisionPath.keyResolvers(this.hasher));
		this.headers = DecisionPath.draft6();
		this.path = new DecisionPath(List.of(this.rule),
				new InMemoryBucketStore(100_000, TimeMeter.SYSTEM_NANOTIME), this.headers);
		this.metrics = new RateLimitMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
				this.path.rules(), false);
		this.request = DecisionPath.request("/api/orders/42", "203.0.113.7");
		this.request.addHeader("X-Api-Key", API_KEY);
		this.applicable = this.path.limits().limitsFor(this.request);
		this.decision = this.path.limiter().consume(this.applicable);
	}

	@Setup(Level.Invocation)
	public void evict() {
		this.eviction.evict();
	}

	@Benchmark
	public long nothing() {
		return this.eviction.sum();
	}

	@Benchmark
	public RateLimitDecision wholePath() {
		return this.path.decide(this.request, this.response);
	}

	/** The route (its cache) and the key (the header, SipHash, Base64). */
	@Benchmark
	public List<LimitRequest> limitsFor() {
		return this.path.limits().limitsFor(this.request);
	}

	@Benchmark
	public String key() {
		return this.rule.getKeyResolver().resolveKey(this.request);
	}

	/** The key's SipHash and Base64 alone, without reading the header. */
	@Benchmark
	public String hash() {
		return this.hasher.hash(API_KEY);
	}

	/** The key's SHA-256 and Base64, as for a shared store, for comparison. */
	@Benchmark
	public String sha256() {
		return this.sha256.hash(API_KEY);
	}

	/** The key's bucket: the store's table, its segment and row, Bucket4j's arithmetic. */
	@Benchmark
	public RateLimitDecision consume() {
		return this.path.limiter().consume(this.applicable);
	}

	/** The request counter, in the Prometheus registry, as in the sample app. */
	@Benchmark
	public RateLimitDecision metrics() {
		this.metrics.onDecision(this.decision, 0);
		return this.decision;
	}

	@Benchmark
	public ResponseHeaders headers() {
		this.headers.write(this.response, this.decision);
		return this.response;
	}

}
