package dev.tollgate.store.redis;

import java.time.Duration;
import java.time.Instant;

import dev.tollgate.ManualClock;
import dev.tollgate.RawHttp;
import dev.tollgate.RawHttp.Response;
import dev.tollgate.TestRedis;
import io.micrometer.core.instrument.MeterRegistry;
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
 * A Redis that keeps its data restarts under an application: the requests answered by
 * the failure policy while it was away take nothing from its buckets when it is back,
 * though Lettuce held their commands to send on reconnecting.
 */
class RedisRestartTests {

	@RegisterExtension
	static final TestRedis redis = TestRedis.persistent();

	/** Buckets refill by it alone; moved only past the circuit breaker's open period. */
	private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

	@Test
	void requestsAnsweredByTheFailurePolicyTakeNoTokensOnceRedisIsBack() throws Exception {
		try (ConfigurableApplicationContext instance = start()) {
			RawHttp http = new RawHttp(((WebServerApplicationContext) instance).getWebServer().getPort());
			for (int i = 0; i < 3; i++) {
				assertThat(http.get("/limited").status()).isEqualTo(200);
			}
			redis.stop();
			for (int i = 0; i < 2; i++) {
				Response local = http.get("/limited");
				assertThat(local.header("RateLimit")).as("this instance's own bucket")
					.isEqualTo("\"daily\";r=" + (4 - i) + ";t=86400");
			}
			assertThat(errors(instance)).isEqualTo(2);
			redis.start();
			assertThat(answeredByRedis(http, instance).header("RateLimit"))
				.as("the fourth of five on Redis, which kept the first three")
				.startsWith("\"daily\";r=1;");
			assertThat(answeredByRedis(http, instance).header("RateLimit")).startsWith("\"daily\";r=0;");
			assertThat(answeredByRedis(http, instance).status()).isEqualTo(429);
		}
	}

	/**
	 * The next response Redis answered, not the failure policy: Lettuce reconnects on
	 * its own schedule. The clock moves past the circuit breaker's open period between
	 * attempts: a day's tokens refill far slower.
	 */
	private Response answeredByRedis(RawHttp http, ConfigurableApplicationContext instance) throws Exception {
		for (int attempt = 0; attempt < 1_000; attempt++) {
			double errors = errors(instance);
			Response response = http.get("/limited");
			if (errors(instance) == errors) {
				return response;
			}
			this.clock.advance(Duration.ofSeconds(11));
		}
		throw new AssertionError("limiting on Redis did not resume");
	}

	private static double errors(ConfigurableApplicationContext instance) {
		return instance.getBean(MeterRegistry.class)
			.get("tollgate.requests")
			.tag("limit", "daily")
			.tag("outcome", "error")
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(RestartTestApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.data.redis.host=127.0.0.1",
					"spring.data.redis.port=" + redis.port(), "tollgate.store.type=redis",
					"tollgate.store.redis.key-prefix=tollgate-test", "tollgate.store.redis.timeout=200ms",
					"tollgate.limits.daily.paths=/limited", "tollgate.limits.daily.rate=5/1d")
			.initializers((applicationContext) -> applicationContext.getBeanFactory()
				.registerSingleton("manualClock", this.clock))
			.run();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Endpoints.class)
	static class RestartTestApplication {

	}

	@RestController
	static class Endpoints {

		@GetMapping("/limited")
		String ok() {
			return "ok";
		}

	}

}
