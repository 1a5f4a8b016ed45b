package dev.tollgate.sample;

import dev.tollgate.limiter.RateLimiter;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code @WebMvcTest} slice without {@code @AutoConfigureTollgate} has no rate
 * limiting, so a slice test of an unrelated controller behaviour never meets a 429 from
 * buckets that other tests sharing its cached context have drained.
 */
@WebMvcTest(AuthApiController.class)
class SliceWithoutTollgateTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private ApplicationContext context;

	@Test
	void sliceLeavesTollgateOut() {
		assertThat(this.context.getBeanNamesForType(RateLimiter.class)).isEmpty();
		for (int i = 1; i <= 11; i++) {
			assertThat(this.mvc.post().uri("/v1/authorize")).as("request %d", i)
				.hasStatusOk()
				.headers()
				.doesNotContainHeader("X-RateLimit-Limit");
		}
	}

}
