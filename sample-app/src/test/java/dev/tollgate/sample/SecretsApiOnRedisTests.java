package dev.tollgate.sample;

import java.time.Duration;

import dev.tollgate.ManualClock;
import dev.tollgate.ManualClockConfiguration;
import dev.tollgate.RawHttp;
import dev.tollgate.RawHttp.Response;
import dev.tollgate.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The secrets API profile with its buckets on a real Redis server, as a test context:
 * run as such and, in the build's second run, from the code Spring AOT generated for
 * it, so that the Redis store's beans are shown to survive AOT processing too.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "tollgate.store.type=redis")
@Import(ManualClockConfiguration.class)
@ActiveProfiles("secrets-api")
@DirtiesContext // closed with its class, not left in the cache pointing at a stopped server
class SecretsApiOnRedisTests {

	@RegisterExtension
	static final TestRedis redis = new TestRedis();

	@LocalServerPort
	private int port;

	@Autowired
	private ManualClock clock;

	@DynamicPropertySource
	static void redisPort(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.port", () -> redis.port());
	}

	@Test
	void theTokenExchangeLimitIsKeptInRedisUnderTheTokensHash() throws Exception {
		RawHttp http = new RawHttp(this.port);
		for (int i = 1; i <= 10; i++) {
			Response response = http.post("/v1/auth/exchange", "Authorization: Bearer token-a");
			assertThat(response.status()).as("exchange %d", i).isEqualTo(200);
			assertThat(response.header("RateLimit-Remaining")).isEqualTo(Integer.toString(10 - i));
		}
		Response rejected = http.post("/v1/auth/exchange", "Authorization: Bearer token-a");
		assertThat(rejected.status()).isEqualTo(429);
		assertThat(rejected.header("Retry-After")).isEqualTo("60");
		assertThat(redis.commands().keys("tollgate:token-exchange:*")).singleElement()
			.asString()
			.doesNotContain("token-a");
		// 10 exchanges admitted; the rejected one was refunded to the IP limit
		assertThat(http.get("/v1/secrets").header("RateLimit-Remaining")).isEqualTo("189");
		this.clock.advance(Duration.ofMinutes(1));
		Response refilled = http.post("/v1/auth/exchange", "Authorization: Bearer token-a");
		assertThat(refilled.status()).isEqualTo(200);
		assertThat(refilled.header("RateLimit-Remaining")).isEqualTo("9");
		assertThat(http.get("/actuator/health/tollgate").body()).contains("\"store\":\"redis\"")
			.contains("\"status\":\"UP\"");
	}

}
