package dev.tollgate.sample;

import java.time.Duration;

import dev.tollgate.ManualClock;
import dev.tollgate.ManualClockConfiguration;
import dev.tollgate.autoconfigure.AutoConfigureTollgate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auth API's controller in a {@code @WebMvcTest} slice, which leaves Tollgate out
 * unless asked: with {@code @AutoConfigureTollgate}, MockMvc requests meet the
 * controller's {@code @RateLimit} and the profile's default limit as real HTTP does.
 */
@WebMvcTest(AuthApiController.class)
@AutoConfigureTollgate
@Import(ManualClockConfiguration.class)
class AuthApiSliceTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private ManualClock clock;

	@BeforeEach
	void startFromFullBuckets() {
		this.clock.advance(Duration.ofDays(1));
	}

	@Test
	void authorizeAllows10PerMinuteThenRejects() {
		String reset = Long.toString(this.clock.instant().getEpochSecond() + 60);
		for (int i = 1; i <= 10; i++) {
			assertThat(this.mvc.post().uri("/v1/authorize")).as("request %d", i)
				.hasStatusOk()
				.headers()
				.hasValue("X-RateLimit-Limit", "10")
				.hasValue("X-RateLimit-Remaining", Integer.toString(10 - i))
				.hasValue("X-RateLimit-Reset", reset)
				.doesNotContainHeader("Retry-After");
		}
		MvcTestResult rejected = this.mvc.post().uri("/v1/authorize").exchange();
		assertThat(rejected).hasStatus(HttpStatus.TOO_MANY_REQUESTS)
			.headers()
			.hasValue("Retry-After", "60")
			.hasValue("X-RateLimit-Remaining", "0");
		assertThat(rejected).bodyJson().extractingPath("$.limit").isEqualTo("authorize");
	}

	@Test
	void defaultLimitAndExemptionApply() {
		for (int i = 1; i <= 100; i++) {
			assertThat(this.mvc.get().uri("/v1/grants")).as("request %d", i).hasStatusOk();
		}
		assertThat(this.mvc.get().uri("/v1/grants")).hasStatus(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(this.mvc.get().uri("/.well-known/jwks.json")).hasStatusOk()
			.headers()
			.doesNotContainHeader("X-RateLimit-Limit");
	}

}
