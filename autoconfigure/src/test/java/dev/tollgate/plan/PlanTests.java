package dev.tollgate.plan;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tollgate.ManualClockConfiguration;
import dev.tollgate.OverRealHttp;
import dev.tollgate.RawHttp.Response;
import dev.tollgate.annotation.RateLimit;
import dev.tollgate.annotation.RateLimitPlan;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plans over real HTTP: keys on different plans get their own limits, a plan change
 * applies after the cache interval or a reset, an unknown plan gets the default, a
 * failing resolver gets the default, and the plan shows in headers, metrics and the
 * endpoint.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tollgate.plans.cache-ttl=30s", "management.endpoints.web.exposure.include=ratelimits",
				"tollgate.limits.api.paths=/api", "tollgate.limits.api.rate=2/1m",
				"tollgate.limits.api.key=header:X-Api-Key", "tollgate.limits.api.plans.free.rate=3/1m",
				"tollgate.limits.api.plans.paid.rate=6/1m", "tollgate.limits.api.plans.internal.unlimited=true",
				"tollgate.limits.api.plan-resolver=apiKeyPlans" })
class PlanTests extends OverRealHttp {

	@Autowired
	private ApiKeyPlans plans;

	@Autowired
	private MeterRegistry registry;

	@Test
	void keysOnDifferentPlansGetTheirOwnLimits() throws Exception {
		this.plans.set("free-key", "free");
		this.plans.set("paid-key", "paid");
		double rejectedBefore = paidRejections();
		assertThat(allowedOf("/api", "free-key", 10)).isEqualTo(3);
		assertThat(allowedOf("/api", "paid-key", 10)).isEqualTo(6);
		this.plans.set("free-key-2", "free");
		this.plans.set("paid-key-2", "paid");
		assertThat(this.http.get("/api", "X-Api-Key: free-key-2").header("RateLimit-Policy"))
			.isEqualTo("\"api/free\";q=3;w=60");
		assertThat(this.http.get("/api", "X-Api-Key: paid-key-2").header("RateLimit-Policy"))
			.isEqualTo("\"api/paid\";q=6;w=60");
		assertThat(paidRejections() - rejectedBefore).isEqualTo(4);
	}

	private double paidRejections() {
		return this.registry.get("tollgate.requests")
			.tag("limit", "api")
			.tag("plan", "paid")
			.tag("outcome", "rejected")
			.counter()
			.count();
	}

	@Test
	void unlimitedPlanIsNotLimited() throws Exception {
		this.plans.set("internal-key", "internal");
		for (int i = 0; i < 20; i++) {
			Response response = this.http.get("/api", "X-Api-Key: internal-key");
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.header("RateLimit")).isNull();
		}
	}

	@Test
	void unknownPlanGetsTheDefault() throws Exception {
		this.plans.set("gold-key", "gold");
		assertThat(allowedOf("/api", "gold-key", 5)).isEqualTo(2);
		assertThat(allowedOf("/api", "no-plan-key", 5)).isEqualTo(2);
	}

	@Test
	void planChangeAppliesAfterTheCacheIntervalKeepingUsedTokens() throws Exception {
		this.plans.set("upgrading", "free");
		assertThat(allowedOf("/api", "upgrading", 2)).isEqualTo(2);
		int lookups = this.plans.lookups.get();
		this.plans.set("upgrading", "paid");
		assertThat(this.http.get("/api", "X-Api-Key: upgrading").header("RateLimit")).startsWith("\"api/free\";r=0;");
		assertThat(this.plans.lookups.get()).as("cached, not looked up per request").isEqualTo(lookups);
		this.clock.advance(Duration.ofSeconds(29));
		assertThat(this.http.get("/api", "X-Api-Key: upgrading").header("RateLimit")).startsWith("\"api/free\"");
		this.clock.advance(Duration.ofSeconds(1));
		Response upgraded = this.http.get("/api", "X-Api-Key: upgrading");
		assertThat(upgraded.header("RateLimit-Policy")).isEqualTo("\"api/paid\";q=6;w=60");
		assertThat(upgraded.header("RateLimit")).as("the 3 tokens used on free stay used").startsWith(
				"\"api/paid\";r=2;");
	}

	@Test
	void resetThroughTheEndpointAppliesAPlanChangeAtOnce() throws Exception {
		this.plans.set("reset-key", "free");
		assertThat(allowedOf("/api", "reset-key", 4)).isEqualTo(3);
		this.plans.set("reset-key", "paid");
		assertThat(this.http.get("/actuator/ratelimits/api/reset-key").body()).contains("\"plan\":\"free\"");
		assertThat(this.http.send("DELETE", "/actuator/ratelimits/api/reset-key").status()).isEqualTo(200);
		assertThat(allowedOf("/api", "reset-key", 8)).isEqualTo(6);
		assertThat(this.http.get("/actuator/ratelimits").body())
			.contains("\"plans\":{\"free\":[\"3/1m\"],\"paid\":[\"6/1m\"],\"internal\":[\"unlimited\"]}")
			.contains("\"planResolver\":\"apiKeyPlans\"");
	}

	@Test
	void planRetunedThroughTheEndpointAppliesToExistingBucketsKeepingUsedTokens() throws Exception {
		this.plans.set("retuned-key", "paid");
		try {
			assertThat(allowedOf("/api", "retuned-key", 7)).isEqualTo(6);
			Response retuned = this.http.postJson("/actuator/ratelimits/api", "{\"rate\":\"9/1m\",\"plan\":\"Paid\"}");
			assertThat(retuned.status()).isEqualTo(200);
			assertThat(retuned.body()).contains("\"paid\":[\"9/1m\"]").contains("\"rates\":[\"2/1m\"]");
			Response allowed = this.http.get("/api", "X-Api-Key: retuned-key");
			assertThat(allowed.header("RateLimit-Policy")).isEqualTo("\"api/paid\";q=9;w=60");
			assertThat(allowed.header("RateLimit")).as("3 more than the 6 used").startsWith("\"api/paid\";r=2;");
			assertThat(allowedOf("/api", "retuned-key", 4)).isEqualTo(2);
			assertThat(this.http.postJson("/actuator/ratelimits/api", "{\"rate\":\"9/1m\",\"plan\":\"gold\"}")
				.status()).as("no such plan").isEqualTo(400);
			assertThat(this.http.postJson("/actuator/ratelimits/api", "{\"rate\":\"9/1m\",\"plan\":\"internal\"}")
				.status()).as("an unlimited plan stays unlimited").isEqualTo(400);
		}
		finally {
			this.http.postJson("/actuator/ratelimits/api", "{\"rate\":\"6/1m\",\"plan\":\"paid\"}");
		}
	}

	@Test
	void failingResolverGetsTheDefaultPlanAndNeverA500() throws Exception {
		this.plans.set("broken-key", ApiKeyPlans.FAIL);
		assertThat(allowedOf("/api", "broken-key", 4)).isEqualTo(2);
	}

	@Test
	void annotatedLimitsHavePlansToo() throws Exception {
		this.plans.set("annotated-paid", "paid");
		assertThat(allowedOf("/annotated", "annotated-paid", 6)).isEqualTo(4);
		assertThat(allowedOf("/annotated", "annotated-none", 6)).isEqualTo(1);
	}

	private int allowedOf(String path, String apiKey, int attempts) throws Exception {
		int allowed = 0;
		for (int i = 0; i < attempts; i++) {
			Response response = this.http.get(path, "X-Api-Key: " + apiKey);
			assertThat(response.status()).isIn(200, 429);
			allowed += (response.status() == 200) ? 1 : 0;
		}
		return allowed;
	}

	/**
	 * The application's own lookup of API keys to plans, in memory.
	 */
	static final class ApiKeyPlans implements RateLimitPlanResolver {

		static final String FAIL = "fail";

		final AtomicInteger lookups = new AtomicInteger();

		private final Map<String, String> plans = new ConcurrentHashMap<>();

		void set(String apiKey, String plan) {
			this.plans.put(apiKey, plan);
		}

		@Override
		public String resolvePlan(HttpServletRequest request) {
			this.lookups.incrementAndGet();
			String plan = this.plans.get(String.valueOf(request.getHeader("X-Api-Key")));
			if (FAIL.equals(plan)) {
				throw new IllegalStateException("plan database is down");
			}
			return plan;
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ ManualClockConfiguration.class, Endpoints.class })
	static class TestApplication {

		@Bean
		ApiKeyPlans apiKeyPlans() {
			return new ApiKeyPlans();
		}

	}

	@RestController
	static class Endpoints {

		@GetMapping("/api")
		String api() {
			return "ok";
		}

		@GetMapping("/annotated")
		@RateLimit(name = "annotated", rate = "1/1m", key = "header:X-Api-Key",
				plans = @RateLimitPlan(name = "paid", rate = "4/1m"))
		String annotated() {
			return "ok";
		}

	}

}
