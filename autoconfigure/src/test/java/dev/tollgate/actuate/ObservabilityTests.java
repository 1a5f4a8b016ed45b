package dev.tollgate.actuate;

import java.time.Duration;
import java.util.List;

import dev.tollgate.ManualClockConfiguration;
import dev.tollgate.OverRealHttp;
import dev.tollgate.RawHttp.Response;
import dev.tollgate.key.KeyHasher;
import dev.tollgate.key.Sha256KeyHasher;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Metrics on the application's registry, the {@code ratelimits} endpoint and health,
 * over real HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=ratelimits,health",
				"management.endpoint.health.show-details=always", "tollgate.limits.search.paths=/search",
				"tollgate.limits.search.rate=3/1m", "tollgate.limits.keyed.paths=/keyed",
				"tollgate.limits.keyed.rate=2/1m", "tollgate.limits.keyed.key=header:X-Api-Key",
				"tollgate.limits.authorized.paths=/authorized", "tollgate.limits.authorized.rate=1/1m",
				"tollgate.limits.authorized.key=header:Authorization",
				"tollgate.limits.trial.paths=/search", "tollgate.limits.trial.rate=1/1m",
				"tollgate.limits.trial.mode=shadow", "tollgate.exempt=/actuator/**" })
class ObservabilityTests extends OverRealHttp {

	@Autowired
	private MeterRegistry registry;

	@Autowired
	private KeyHasher hasher;

	@Test
	void countsEachLimitsVerdictOnTheApplicationsRegistry() throws Exception {
		double allowedBefore = count("search", "allowed");
		double rejectedBefore = count("search", "rejected");
		double shadowBefore = count("trial", "shadow-rejected");
		for (int i = 0; i < 5; i++) {
			this.http.get("/search");
		}
		assertThat(count("search", "allowed") - allowedBefore).isEqualTo(3);
		assertThat(count("search", "rejected") - rejectedBefore).isEqualTo(2);
		assertThat(count("trial", "shadow-rejected") - shadowBefore).isEqualTo(4);
		assertThat(this.registry.find("tollgate.decision").meter())
			.as("in memory, a decision takes about as long as timing it: not timed")
			.isNull();
		assertThat(this.registry.get("tollgate.requests").tag("limit", "keyed").tag("outcome", "error").counter())
			.as("registered before the first request")
			.isNotNull();
		assertThat(this.registry.get("tollgate.store.keys").gauge().value()).isPositive();
		this.registry.getMeters()
			.forEach((meter) -> assertThat(meter.getId().getTags()).noneMatch(
					(tag) -> tag.getValue().contains("127.0.0.1") || tag.getValue().contains("secret")));
	}

	@Test
	void listsEveryLimitWithItsSource() throws Exception {
		Response response = this.http.get("/actuator/ratelimits");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("\"name\":\"search\"")
			.contains("\"routes\":[\"/search\"]")
			.contains("\"rates\":[\"3/1m\"]")
			.contains("\"source\":\"tollgate.limits.search\"")
			.contains("\"mode\":\"shadow\"")
			.contains("\"key\":\"header:X-Api-Key\"")
			.contains("\"headerStyles\":[\"draft-11\"]")
			.contains("\"store\":\"in-memory\"");
	}

	@Test
	void inspectsAndResetsOneKeyGivenAsTheClientKnowsIt() throws Exception {
		for (int i = 0; i < 3; i++) {
			this.http.get("/keyed", "X-Api-Key: secret-key-1");
		}
		assertThat(this.http.get("/keyed", "X-Api-Key: secret-key-1").status()).isEqualTo(429);
		Response state = this.http.get("/actuator/ratelimits/keyed/secret-key-1");
		// the in-memory store's keys: a hash under this instance's own secret
		String hashed = this.hasher.hash("secret-key-1");
		assertThat(hashed).hasSize(22).isNotEqualTo(new Sha256KeyHasher().hash("secret-key-1"));
		assertThat(state.body()).isEqualTo("{\"limit\":\"keyed\",\"key\":\"" + hashed
				+ "\",\"plan\":null,\"tracked\":true,\"remaining\":0,\"secondsToReset\":60}");
		Response reset = this.http.send("DELETE", "/actuator/ratelimits/keyed/secret-key-1");
		assertThat(reset.status()).isEqualTo(200);
		assertThat(reset.body()).contains("\"reset\":true").doesNotContain("secret-key-1");
		assertThat(this.http.get("/keyed", "X-Api-Key: secret-key-1").status()).isEqualTo(200);
		assertThat(this.http.get("/actuator/ratelimits/keyed/secret-key-1").body()).contains("\"remaining\":1");
	}

	@Test
	void findsATokensBucketByTheTokenWithOrWithoutItsScheme() throws Exception {
		assertThat(this.http.get("/authorized", "Authorization: Bearer tok-1").status()).isEqualTo(200);
		assertThat(this.http.get("/authorized", "Authorization: bearer tok-1").status()).isEqualTo(429);
		String hashed = this.hasher.hash("tok-1");
		for (String key : List.of("Bearer%20tok-1", "BEARER%20%20tok-1", "tok-1")) {
			assertThat(this.http.get("/actuator/ratelimits/authorized/" + key).body()).as(key)
				.isEqualTo("{\"limit\":\"authorized\",\"key\":\"" + hashed
						+ "\",\"plan\":null,\"tracked\":true,\"remaining\":0,\"secondsToReset\":60}");
		}
		assertThat(this.http.send("DELETE", "/actuator/ratelimits/authorized/bearer%20tok-1").body())
			.contains("\"reset\":true");
		assertThat(this.http.get("/authorized", "Authorization: Bearer tok-1").status()).isEqualTo(200);
	}

	@Test
	void findsABucketByItsHashSoNoCredentialNeedAppearInAUrl() throws Exception {
		this.http.get("/authorized", "Authorization: Bearer tok-2");
		String hashed = this.hasher.hash("tok-2");
		assertThat(this.http.get("/actuator/ratelimits/authorized/hash:" + hashed).body())
			.isEqualTo("{\"limit\":\"authorized\",\"key\":\"" + hashed
					+ "\",\"plan\":null,\"tracked\":true,\"remaining\":0,\"secondsToReset\":60}");
		assertThat(this.http.send("DELETE", "/actuator/ratelimits/authorized/hash:" + hashed).body())
			.contains("\"reset\":true");
		assertThat(this.http.get("/authorized", "Authorization: Bearer tok-2").status()).isEqualTo(200);
		assertThat(this.http.get("/actuator/ratelimits/authorized/hash:not-a-key").status()).isEqualTo(400);
	}

	@Test
	void inspectsIpKeysByAddress() throws Exception {
		this.http.get("/search");
		assertThat(this.http.get("/actuator/ratelimits/search/127.0.0.1").body())
			.contains("\"key\":\"127.0.0.1\"")
			.contains("\"remaining\":2");
		assertThat(this.http.get("/actuator/ratelimits/search/not-an-ip").status()).isEqualTo(400);
		assertThat(this.http.get("/actuator/ratelimits/nothing/127.0.0.1").status()).isEqualTo(404);
	}

	@Test
	void retunedRateAppliesToExistingBuckets() throws Exception {
		try {
			for (int i = 0; i < 3; i++) {
				this.http.get("/search");
			}
			assertThat(this.http.get("/search").status()).isEqualTo(429);
			Response retuned = this.http.postJson("/actuator/ratelimits/search", "{\"rate\":\"5/1m\"}");
			assertThat(retuned.status()).isEqualTo(200);
			assertThat(retuned.body()).contains("\"rates\":[\"5/1m\"]");
			Response allowed = this.http.get("/search");
			assertThat(allowed.status()).isEqualTo(200);
			assertThat(allowed.header("RateLimit")).startsWith("\"search\";r=1;");
			assertThat(this.http.get("/actuator/ratelimits").body()).contains("\"rates\":[\"5/1m\"]");
			assertThat(this.http.postJson("/actuator/ratelimits/search", "{\"rate\":\"lots\"}").status())
				.isEqualTo(400);
		}
		finally {
			this.http.postJson("/actuator/ratelimits/search", "{\"rate\":\"3/1m\"}");
		}
	}

	/**
	 * A bucket is dropped once idle long enough to be full again. After a retune to a
	 * longer period, that is the new period: a key that used its tokens must not get
	 * them back because the old period has passed.
	 */
	@Test
	void retunedToALongerPeriodKeepsBucketsUntilTheyAreFull() throws Exception {
		try {
			assertThat(this.http.get("/search").status()).as("a bucket under 3/1m").isEqualTo(200);
			assertThat(this.http.postJson("/actuator/ratelimits/search", "{\"rate\":\"3/1h\"}").status())
				.isEqualTo(200);
			for (int i = 0; i < 2; i++) {
				assertThat(this.http.get("/search").status()).isEqualTo(200);
			}
			this.clock.advance(Duration.ofMinutes(2));
			Response stillLimited = this.http.get("/search");
			assertThat(stillLimited.status()).isEqualTo(429);
			assertThat(stillLimited.header("RateLimit")).startsWith("\"search\";r=0;t=3480,");
			this.clock.advance(Duration.ofMinutes(58));
			assertThat(this.http.get("/search").status()).isEqualTo(200);
		}
		finally {
			this.http.postJson("/actuator/ratelimits/search", "{\"rate\":\"3/1m\"}");
		}
	}

	@Test
	void reportsStoreHealth() throws Exception {
		Response health = this.http.get("/actuator/health/tollgate");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"store\":\"in-memory\"");
	}

	private double count(String limit, String outcome) {
		return this.registry.get("tollgate.requests").tag("limit", limit).tag("outcome", outcome).counter().count();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ ManualClockConfiguration.class, Endpoints.class })
	static class TestApplication {

	}

	@RestController
	static class Endpoints {

		@GetMapping("/search")
		String search() {
			return "results";
		}

		@GetMapping("/keyed")
		String keyed() {
			return "keyed";
		}

		@GetMapping("/authorized")
		String authorized() {
			return "authorized";
		}

	}

}
