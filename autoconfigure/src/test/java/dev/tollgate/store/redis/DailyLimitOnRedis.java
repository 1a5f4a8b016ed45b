package dev.tollgate.store.redis;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.tollgate.ManualClock;
import dev.tollgate.RawHttp;
import dev.tollgate.RawHttp.Response;

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
 * An application on a real port with one limit on Redis, five requests a day on
 * {@code /limited} (prefix {@code tollgate-test}, so the one client's key is
 * {@code tollgate-test:daily:127.0.0.1}), on a clock of its own, and a way to tell the
 * requests Redis answered from those the failure policy answered while Redis was away.
 */
final class DailyLimitOnRedis implements AutoCloseable {

	/** Buckets refill by it alone; moved only past the circuit breaker's open period. */
	private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final ConfigurableApplicationContext context;

	private final RawHttp http;

	/**
	 * Start the application.
	 * @param redisProperties how it reaches Redis ({@code spring.data.redis.*})
	 */
	DailyLimitOnRedis(String... redisProperties) {
		List<String> properties = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1",
				"tollgate.store.type=redis", "tollgate.store.redis.key-prefix=tollgate-test",
				"tollgate.store.redis.timeout=500ms", "tollgate.limits.daily.paths=/limited",
				"tollgate.limits.daily.rate=5/1d"));
		properties.addAll(List.of(redisProperties));
		this.context = new SpringApplicationBuilder(LimitedApplication.class)
			.properties(properties.toArray(String[]::new))
			.initializers((applicationContext) -> applicationContext.getBeanFactory()
				.registerSingleton("manualClock", this.clock))
			.run();
		this.http = new RawHttp(((WebServerApplicationContext) this.context).getWebServer().getPort());
	}

	Response get() throws IOException {
		return this.http.get("/limited");
	}

	/** Take three of the day's five tokens, on Redis. */
	void takeThreeOfFive() throws IOException {
		for (int i = 0; i < 3; i++) {
			assertThat(get().status()).isEqualTo(200);
		}
	}

	/**
	 * Check that Redis, once it answers again, still has the three tokens taken before:
	 * it admits the fourth and fifth request of the day, and rejects the sixth.
	 */
	void assertRedisKeptTheThreeTaken() throws IOException {
		assertThat(answeredByRedis().header("RateLimit")).as("the fourth of five, counted where the first three were")
			.startsWith("\"daily\";r=1;");
		assertThat(answeredByRedis().header("RateLimit")).startsWith("\"daily\";r=0;");
		assertThat(answeredByRedis().status()).isEqualTo(429);
	}

	/**
	 * The next response Redis answered, not the failure policy. Until Redis is back
	 * (Lettuce reconnects on its own schedule, or learns where a failed-over master
	 * went), requests are counted in this instance's own buckets (outcome
	 * {@code error}), and the circuit breaker, once open, sends them there until its
	 * probes succeed. The clock moves past the breaker's open period between attempts: a
	 * day's tokens refill far slower.
	 */
	Response answeredByRedis() throws IOException {
		for (int attempt = 0; attempt < 1_000; attempt++) {
			double errors = errors();
			Response response = get();
			if (errors() == errors) {
				return response;
			}
			this.clock.advance(Duration.ofSeconds(11));
		}
		throw new AssertionError("limiting on Redis did not resume");
	}

	/** The requests the failure policy answered so far. */
	double errors() {
		return PolicyAnswers.of(this.context, "daily");
	}

	@Override
	public void close() {
		this.context.close();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Endpoints.class)
	static class LimitedApplication {

	}

	@RestController
	static class Endpoints {

		@GetMapping("/limited")
		String ok() {
			return "ok";
		}

	}

}
