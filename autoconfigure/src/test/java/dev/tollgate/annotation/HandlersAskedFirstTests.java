package dev.tollgate.annotation;

import dev.tollgate.ManualClockConfiguration;
import dev.tollgate.OverRealHttp;
import dev.tollgate.RawHttp.Response;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handlers that Spring MVC asks before annotated controllers (functional endpoints,
 * Actuator's endpoints) next to annotated handlers whose patterns match their paths: an
 * annotated exemption reaches only its own handler's requests, never such an endpoint
 * that a configured limit covers.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tollgate.limits.fn.paths=/fn/**", "tollgate.limits.fn.rate=2/1m",
				"tollgate.limits.ops.paths=/actuator/**", "tollgate.limits.ops.rate=2/1m",
				"management.endpoints.web.exposure.include=health,info" })
class HandlersAskedFirstTests extends OverRealHttp {

	@Test
	void anAnnotatedExemptionDoesNotReachAFunctionalEndpointOnItsPattern() throws Exception {
		for (int remaining = 1; remaining >= 0; remaining--) {
			Response special = this.http.get("/fn/special");
			assertThat(special.body()).isEqualTo("functional");
			assertThat(special.header("RateLimit")).isEqualTo("\"fn\";r=" + remaining + ";t=60");
		}
		assertThat(this.http.get("/fn/special").status()).isEqualTo(429);
		for (int i = 0; i < 3; i++) {
			Response exempt = this.http.get("/fn/" + i);
			assertThat(exempt.body()).isEqualTo(String.valueOf(i));
			assertThat(exempt.hasHeaderStartingWith("RateLimit")).isFalse();
		}
	}

	@Test
	void aCatchAllExemptionDoesNotReachTheActuatorsEndpoints() throws Exception {
		for (int remaining = 1; remaining >= 0; remaining--) {
			Response info = this.http.get("/actuator/info");
			assertThat(info.status()).isEqualTo(200);
			assertThat(info.body()).isEqualTo("{}");
			assertThat(info.header("RateLimit")).isEqualTo("\"ops\";r=" + remaining + ";t=60");
		}
		assertThat(this.http.get("/actuator/info").status()).isEqualTo(429);
		for (int i = 0; i < 3; i++) {
			Response page = this.http.get("/pages/" + i);
			assertThat(page.body()).isEqualTo("page");
			assertThat(page.hasHeaderStartingWith("RateLimit")).isFalse();
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ ManualClockConfiguration.class, Items.class })
	static class TestApplication {

		@Bean
		RouterFunction<ServerResponse> special() {
			return RouterFunctions.route().GET("/fn/special", (request) -> ServerResponse.ok().body("functional")).build();
		}

	}

	@RestController
	static class Items {

		@GetMapping("/fn/{id}")
		@RateLimitExempt
		String item(@PathVariable String id) {
			return id;
		}

		@GetMapping("/**")
		@RateLimitExempt
		String page() {
			return "page";
		}

	}

}
