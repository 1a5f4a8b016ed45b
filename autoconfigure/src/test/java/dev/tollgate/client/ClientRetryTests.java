package dev.tollgate.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

import dev.tollgate.ManualClock;
import dev.tollgate.ManualClockConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The client interceptor over real HTTP against a Tollgate-protected server in the
 * same test. Waiting moves the clock the server's buckets refill by, so a retry after
 * {@code Retry-After: 60} finds the tokens back without a minute passing.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tollgate.client.enabled=true", "tollgate.client.max-total-wait=5m",
				"tollgate.limits.burst.paths=/burst", "tollgate.limits.burst.rate=3/1m" })
class ClientRetryTests {

	@LocalServerPort
	private int port;

	@Autowired
	private ManualClock clock;

	@Autowired
	private RecordingSleeper sleeper;

	@Autowired
	private RestClient.Builder restClientBuilder;

	@Autowired
	private RestTemplateBuilder restTemplateBuilder;

	@Autowired
	private RateLimitRetryInterceptor interceptor;

	@Autowired
	private Endpoints endpoints;

	@BeforeEach
	void freshWindow() {
		this.clock.advance(Duration.ofDays(1));
		this.sleeper.sleeps.clear();
	}

	@Test
	void burstBeyondTheLimitCompletesOnceTokensReturn() {
		RestClient client = client();
		for (int i = 0; i < 5; i++) {
			assertThat(client.get().uri("/burst").retrieve().body(String.class)).isEqualTo("ok");
		}
		assertThat(this.sleeper.sleeps).containsExactly(Duration.ofSeconds(60));
	}

	@Test
	void exposesTheLastRateLimitPerHost() {
		client().get().uri("/burst").retrieve().toBodilessEntity();
		RateLimitInfo info = this.interceptor.lastRateLimit("127.0.0.1:" + this.port).orElseThrow();
		assertThat(info.limit()).hasValue(3);
		assertThat(info.remaining()).hasValue(2);
		assertThat(info.policy()).contains("burst");
		assertThat(info.reset()).contains(this.clock.instant().plusSeconds(60));
	}

	@Test
	void retryBudgetIsRespected() {
		RecordingSleeper sleeper = new RecordingSleeper(this.clock);
		RateLimitRetryInterceptor tight = new RateLimitRetryInterceptor(new RetryPolicy(3, Duration.ofSeconds(10),
				Duration.ofMillis(100), Duration.ofSeconds(1), false, false, Duration.ZERO), this.clock, sleeper,
				RandomGenerator.getDefault());
		RestClient client = RestClient.builder().baseUrl(baseUrl()).requestInterceptor(tight).build();
		for (int i = 0; i < 3; i++) {
			client.get().uri("/burst").retrieve().toBodilessEntity();
		}
		assertThatExceptionOfType(HttpClientErrorException.TooManyRequests.class)
			.isThrownBy(() -> client.get().uri("/burst").retrieve().toBodilessEntity());
		assertThat(sleeper.sleeps).as("Retry-After 60 s is beyond the 10 s budget").isEmpty();
	}

	@Test
	void attemptsAreBounded() {
		AtomicInteger attempts = new AtomicInteger();
		RestClient client = client().mutate().requestInterceptor((request, body, execution) -> {
			attempts.incrementAndGet();
			return execution.execute(request, body);
		}).build();
		this.endpoints.unavailable.set(10);
		assertThatExceptionOfType(org.springframework.web.client.HttpServerErrorException.ServiceUnavailable.class)
			.isThrownBy(() -> client.get().uri("/flaky").retrieve().toBodilessEntity());
		assertThat(attempts).hasValue(3);
		assertThat(this.sleeper.sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
	}

	@Test
	void serviceUnavailableWithRetryAfterIsRetried() {
		this.endpoints.unavailable.set(1);
		assertThat(client().get().uri("/flaky").retrieve().body(String.class)).isEqualTo("recovered");
		assertThat(this.sleeper.sleeps).containsExactly(Duration.ofSeconds(2));
	}

	@Test
	void nonIdempotentRequestsAreNotRetried() {
		RestClient client = client();
		for (int i = 0; i < 3; i++) {
			client.post().uri("/burst").retrieve().toBodilessEntity();
		}
		assertThatExceptionOfType(HttpClientErrorException.TooManyRequests.class)
			.isThrownBy(() -> client.post().uri("/burst").retrieve().toBodilessEntity());
		assertThat(this.sleeper.sleeps).isEmpty();
	}

	@Test
	void proactiveModeWaitsForTheResetInsteadOfCollectingA429() {
		RecordingSleeper sleeper = new RecordingSleeper(this.clock);
		RateLimitRetryInterceptor proactive = new RateLimitRetryInterceptor(new RetryPolicy(1, Duration.ZERO,
				Duration.ZERO, Duration.ZERO, false, true, Duration.ofMinutes(2)), this.clock, sleeper,
				RandomGenerator.getDefault());
		RestClient client = RestClient.builder().baseUrl(baseUrl()).requestInterceptor(proactive).build();
		for (int i = 0; i < 4; i++) {
			assertThat(client.get().uri("/burst").retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(200);
		}
		assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(60));
	}

	@Test
	void restTemplateGetsTheInterceptorToo() {
		var restTemplate = this.restTemplateBuilder.rootUri(baseUrl()).build();
		for (int i = 0; i < 4; i++) {
			assertThat(restTemplate.getForObject("/burst", String.class)).isEqualTo("ok");
		}
		assertThat(this.sleeper.sleeps).containsExactly(Duration.ofSeconds(60));
	}

	private RestClient client() {
		return this.restClientBuilder.baseUrl(baseUrl()).build();
	}

	private String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * Records each wait and moves the shared clock instead of sleeping.
	 */
	static final class RecordingSleeper implements Sleeper {

		final List<Duration> sleeps = new CopyOnWriteArrayList<>();

		private final ManualClock clock;

		RecordingSleeper(ManualClock clock) {
			this.clock = clock;
		}

		@Override
		public void sleep(Duration duration) {
			this.sleeps.add(duration);
			this.clock.advance(duration);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ ManualClockConfiguration.class, Endpoints.class })
	static class TestApplication {


		@Bean
		RecordingSleeper recordingSleeper(ManualClock clock) {
			return new RecordingSleeper(clock);
		}

	}

	@RestController
	static class Endpoints {

		final AtomicInteger unavailable = new AtomicInteger();

		@GetMapping("/burst")
		String burst() {
			return "ok";
		}

		@PostMapping("/burst")
		String create() {
			return "created";
		}

		@GetMapping("/flaky")
		ResponseEntity<String> flaky() {
			if (this.unavailable.getAndDecrement() > 0) {
				return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "2").body("down");
			}
			return ResponseEntity.ok("recovered");
		}

	}

}
