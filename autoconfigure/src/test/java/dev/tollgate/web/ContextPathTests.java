package dev.tollgate.web;


import dev.tollgate.ManualClockConfiguration;
import dev.tollgate.OverRealHttp;
import dev.tollgate.RawHttp.Response;
import dev.tollgate.annotation.RateLimit;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application under a context path, its DispatcherServlet under a servlet path of
 * its own, over real HTTP: limit paths, like controller mappings, are written within
 * the application and the servlet ({@code /api/**}, not {@code /shop/mvc/api/**}).
 */
@SpringBootTest(classes = ContextPathTests.TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.servlet.context-path=/shop", "spring.mvc.servlet.path=/mvc",
				"tollgate.limits.api.paths=/api/**", "tollgate.limits.api.rate=2/1m" })
class ContextPathTests extends OverRealHttp {

	@Test
	void configuredPathsAreWithinTheContextAndServletPaths() throws Exception {
		for (int remaining = 1; remaining >= 0; remaining--) {
			Response response = this.http.get("/shop/mvc/api/items");
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("items");
			assertThat(response.header("RateLimit")).isEqualTo("\"api\";r=" + remaining + ";t=60");
		}
		assertThat(this.http.get("/shop/mvc/api/items").status()).isEqualTo(429);
		assertThat(this.http.get("/shop/mvc/%61pi/items").status()).as("encoded, the same path").isEqualTo(429);
	}

	@Test
	void annotatedLimitsApplyToTheirHandlersMappings() throws Exception {
		Response first = this.http.post("/shop/mvc/login");
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.header("RateLimit")).isEqualTo("\"login\";r=0;t=60");
		assertThat(this.http.post("/shop/mvc/login").status()).isEqualTo(429);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ ManualClockConfiguration.class, Endpoints.class })
	static class TestApplication {

	}

	@RestController
	static class Endpoints {

		@GetMapping("/api/items")
		String items() {
			return "items";
		}

		@PostMapping("/login")
		@RateLimit(name = "login", rate = "1/1m")
		String login() {
			return "welcome";
		}

	}

}
