package dev.tollgate.store.redis;

import java.time.Duration;
import java.time.Instant;

import dev.tollgate.ManualClock;
import dev.tollgate.RawHttp;
import dev.tollgate.RawHttp.Response;
import dev.tollgate.TestRedisCluster;
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
 * The Redis store on a Redis Cluster whose masters each have a replica, with Spring
 * Boot's and Lettuce's defaults: when the master holding a client's bucket crashes, its
 * replica takes its slots, Lettuce's adaptive topology refresh (on by default since
 * Lettuce 7) finds it, and limiting resumes there with the tokens used before the
 * crash still used.
 */
class RedisClusterFailoverTests {

	@RegisterExtension
	static final TestRedisCluster cluster = new TestRedisCluster(true);

	/** Buckets refill by it alone; moved only past the circuit breaker's open period. */
	private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

	@Test
	void whenABucketsMasterCrashesLimitingResumesOnItsReplicaWithTheTokensUsed() throws Exception {
		try (ConfigurableApplicationContext instance = start()) {
			RawHttp http = new RawHttp(((WebServerApplicationContext) instance).getWebServer().getPort());
			for (int i = 0; i < 3; i++) {
				assertThat(http.get("/limited").status()).isEqualTo(200);
			}
			cluster.crashMasterOf("tollgate-test:daily:127.0.0.1");
			assertThat(answeredByRedis(http, instance).header("RateLimit"))
				.as("the fourth of five, counted where the first three were")
				.startsWith("\"daily\";r=1;");
			assertThat(answeredByRedis(http, instance).header("RateLimit")).startsWith("\"daily\";r=0;");
			assertThat(answeredByRedis(http, instance).status()).isEqualTo(429);
		}
	}

	/**
	 * The next response Redis answered, not the failure policy. Until the replica has
	 * taken over and Lettuce has refreshed its view of the cluster, requests on the
	 * crashed master's slots are counted in this instance's own buckets (outcome
	 * {@code error}), and the circuit breaker, once open, sends them there until its
	 * probes succeed. The clock moves past the circuit breaker's open period between
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
		throw new AssertionError("limiting on Redis did not resume after the master crashed");
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
		return new SpringApplicationBuilder(FailoverTestApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1",
					"spring.data.redis.cluster.nodes=" + cluster.nodesProperty(),
					"tollgate.store.type=redis",
					"tollgate.store.redis.key-prefix=tollgate-test", "tollgate.store.redis.timeout=500ms",
					"tollgate.limits.daily.paths=/limited", "tollgate.limits.daily.rate=5/1d")
			.initializers((applicationContext) -> applicationContext.getBeanFactory()
				.registerSingleton("manualClock", this.clock))
			.run();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Endpoints.class)
	static class FailoverTestApplication {

	}

	@RestController
	static class Endpoints {

		@GetMapping("/limited")
		String ok() {
			return "ok";
		}

	}

}
