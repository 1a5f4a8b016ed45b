package dev.tollgate.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.tollgate.annotation.AnnotatedLimit;
import dev.tollgate.annotation.HandlerMethodAnnotationsReader;
import dev.tollgate.annotation.RateLimit;
import dev.tollgate.limiter.LimitRequest;
import dev.tollgate.key.SipHashKeyHasher;
import dev.tollgate.rule.Rate;
import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.rule.RateLimitRules;
import dev.tollgate.rule.Refill;
import dev.tollgate.web.HandlerMappingLookup;
import dev.tollgate.web.LimitRequestFactory;
import dev.tollgate.web.LookupPath;
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
import org.springframework.mock.web.MockServletContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.StaticWebApplicationContext;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Which limits apply to a request, on a path whose handler the path and method decide
 * (remembered per URI), against one that handlers told apart by {@code produces} share,
 * where Spring MVC's handler mapping is asked for each request: (s1) {@code /items/7},
 * (s2) {@code /items/export} accepting JSON, which goes to the limited handler, and (s3)
 * the same accepting CSV, which goes to the other. The handler mapping is Spring MVC's
 * own, built over the controller below; (s4) is its lookup of the handler of (s2) as the
 * {@code DispatcherServlet} asks it, for comparison.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@State(Scope.Thread)
public class SharedPathBenchmark {

	private LimitRequestFactory limits;

	private RequestMappingHandlerMapping handlerMapping;

	private MockHttpServletRequest byPath;

	private MockHttpServletRequest sharedJson;

	private MockHttpServletRequest sharedCsv;

	@Setup
	public void setUp() {
		StaticWebApplicationContext context = new StaticWebApplicationContext();
		context.setServletContext(new MockServletContext());
		context.registerSingleton("items", Items.class);
		context.refresh();
		RequestMappingHandlerMapping handlerMapping = new RequestMappingHandlerMapping();
		this.handlerMapping = handlerMapping;
		handlerMapping.setApplicationContext(context);
		handlerMapping.afterPropertiesSet();
		List<AnnotatedLimit> annotated = new HandlerMethodAnnotationsReader().read(handlerMapping.getHandlerMethods())
			.limits();
		List<RateLimitRule> rules = annotated.stream()
			.map((limit) -> RateLimitRule.builder(limit.name())
				.route(limit.route())
				.rates(List.of(Rate.parse(DecisionPath.UNLIMITED)))
				.refill(Refill.INTERVAL)
				.key("ip", DecisionPath.keyResolvers(new SipHashKeyHasher()).forKey("ip"))
				.build())
			.toList();
		this.limits = new LimitRequestFactory(new RateLimitRules(rules, null, List.of()), null, LookupPath.parsed(),
				new HandlerMappingLookup(() -> List.of(handlerMapping), handlerMapping));
		this.byPath = DecisionPath.request("/items/7", "203.0.113.7");
		this.sharedJson = DecisionPath.request("/items/export", "203.0.113.7");
		this.sharedJson.addHeader("Accept", "application/json");
		this.sharedCsv = DecisionPath.request("/items/export", "203.0.113.7");
		this.sharedCsv.addHeader("Accept", "text/csv");
		check(this.byPath, 1);
		check(this.sharedJson, 1);
		check(this.sharedCsv, 0);
	}

	private void check(MockHttpServletRequest request, int expected) {
		if (this.limits.limitsFor(request).size() != expected) {
			throw new IllegalStateException(request.getRequestURI() + " should meet " + expected + " limits");
		}
	}

	@Benchmark
	public List<LimitRequest> s1_decidedByPath() {
		return this.limits.limitsFor(this.byPath);
	}

	@Benchmark
	public List<LimitRequest> s2_sharedPathLimitedHandler() {
		return this.limits.limitsFor(this.sharedJson);
	}

	@Benchmark
	public List<LimitRequest> s3_sharedPathOtherHandler() {
		return this.limits.limitsFor(this.sharedCsv);
	}

	@Benchmark
	public HandlerExecutionChain s4_springMvcHandlerLookup() throws Exception {
		ServletRequestPathUtils.parseAndCache(this.sharedJson);
		try {
			return this.handlerMapping.getHandler(this.sharedJson);
		}
		finally {
			ServletRequestPathUtils.clearParsedRequestPath(this.sharedJson);
		}
	}

	@RestController
	public static class Items {

		@GetMapping("/items/{id}")
		@RateLimit(name = "item", rate = "100/1m")
		public String item(@PathVariable String id) {
			return id;
		}

		@GetMapping(path = "/items/export", produces = "text/csv")
		public String export() {
			return "id,name";
		}

	}

}
