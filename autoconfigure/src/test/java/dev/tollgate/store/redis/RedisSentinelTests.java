package dev.tollgate.store.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.tollgate.ManualClock;
import dev.tollgate.RawHttp;
import dev.tollgate.RawHttp.Response;
import dev.tollgate.TestRedisSentinel;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis store under Sentinel, configured as Spring Boot users do
 * ({@code spring.data.redis.sentinel.*}): buckets live on the master Sentinel names,
 * and after a failover limiting resumes on the new master, with the tokens used before
 * it still used.
 */
class RedisSentinelTests {

	@RegisterExtension
	static final TestRedisSentinel sentinel = new TestRedisSentinel();

	/** Buckets refill by it alone; moved only past the circuit breaker's open period. */
	private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	@AfterEach
	void stopInstancesAndEmptyRedis() {
		this.instances.forEach(ConfigurableApplicationContext::close);
		sentinel.master().flushall();
	}

	@Test
	void bucketsLiveOnTheMasterSentinelNames() throws Exception {
		RawHttp http = new RawHttp(port(start()));
		for (int remaining = 4; remaining >= 0; remaining--) {
			assertThat(http.get("/limited").header("RateLimit")).isEqualTo("\"hourly\";r=" + remaining + ";t=3600");
		}
		assertThat(http.get("/limited").status()).isEqualTo(429);
		assertThat(sentinel.master().exists("tollgate-test:hourly:127.0.0.1")).isEqualTo(1);
	}

	@Test
	void afterAFailoverLimitingResumesOnTheNewMasterWithTheTokensUsed() throws Exception {
		ConfigurableApplicationContext instance = start();
		RawHttp http = new RawHttp(port(instance));
		for (int i = 0; i < 3; i++) {
			assertThat(http.get("/limited").status()).isEqualTo(200);
		}
		sentinel.failOver();
		Response onTheNewMaster = awaitRedis(http, instance);
		assertThat(onTheNewMaster.header("RateLimit")).as("the fourth of five, counted where the first three were")
			.startsWith("\"hourly\";r=1;t=");
		assertThat(http.get("/limited").status()).isEqualTo(200);
		assertThat(http.get("/limited").status()).isEqualTo(429);
	}

	/**
	 * The first response Redis answered, not the failure policy: a failover drops the
	 * connection, and until Lettuce has reconnected through Sentinel, requests are
	 * counted in this instance's own buckets (outcome {@code error}). The clock moves
	 * past the circuit breaker's open period between attempts, less than a token's
	 * refill.
	 */
	private Response awaitRedis(RawHttp http, ConfigurableApplicationContext instance) throws Exception {
		for (int attempt = 0; attempt < 10_000; attempt++) {
			double errors = errors(instance);
			Response response = http.get("/limited");
			if (errors(instance) == errors) {
				return response;
			}
			this.clock.advance(Duration.ofSeconds(11));
			Thread.onSpinWait();
		}
		throw new AssertionError("limiting on Redis did not resume after the failover");
	}

	private static double errors(ConfigurableApplicationContext instance) {
		return instance.getBean(MeterRegistry.class)
			.get("tollgate.requests")
			.tag("limit", "hourly")
			.tag("outcome", "error")
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	private ConfigurableApplicationContext start() {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SentinelTestApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1",
					"spring.data.redis.sentinel.master=" + TestRedisSentinel.MASTER,
					"spring.data.redis.sentinel.nodes=" + sentinel.sentinelNodes(), "tollgate.store.type=redis",
					"tollgate.store.redis.key-prefix=tollgate-test", "tollgate.store.redis.timeout=500ms",
					"tollgate.limits.hourly.paths=/limited", "tollgate.limits.hourly.rate=5/1h")
			.initializers((applicationContext) -> applicationContext.getBeanFactory()
				.registerSingleton("manualClock", this.clock))
			.run();
		this.instances.add(context);
		return context;
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Endpoints.class)
	static class SentinelTestApplication {

	}

	@RestController
	static class Endpoints {

		@GetMapping("/limited")
		String ok() {
			return "ok";
		}

	}

}
