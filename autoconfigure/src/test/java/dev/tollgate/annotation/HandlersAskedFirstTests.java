package dev.tollgate.annotation;

import java.util.Map;

import dev.tollgate.ManualClockConfiguration;
import dev.tollgate.OverRealHttp;
import dev.tollgate.RawHttp.Response;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handlers that Spring MVC asks before annotated controllers (functional endpoints,
 * Actuator's endpoints, a URL mapping ordered first) next to annotated handlers whose
 * patterns match their paths: an annotated limit or exemption reaches only its own
 * handler's requests, never such an endpoint, which a configured limit covers.
 */
class HandlersAskedFirstTests {

	private static final String LIMITS = """
			tollgate.limits.fn.paths=/fn/**
			tollgate.limits.fn.rate=2/1m
			tollgate.limits.ops.paths=/actuator/*
			tollgate.limits.ops.rate=2/1m
			tollgate.limits.legacy.paths=/legacy/**
			tollgate.limits.legacy.rate=2/1m
			management.endpoints.web.exposure.include=health,info
			""";

	/** With functional endpoints, read from their predicates. */
	@Nested
	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "test.functional=true", LIMITS })
	class FunctionalEndpoints extends OverRealHttp {

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
		void anAnnotatedLimitDoesNotCountAFunctionalEndpointOnItsPattern() throws Exception {
			for (int i = 0; i < 3; i++) {
				Response special = this.http.get("/items/special");
				assertThat(special.body()).isEqualTo("functional");
				assertThat(special.hasHeaderStartingWith("RateLimit")).isFalse();
			}
			for (int remaining = 1; remaining >= 0; remaining--) {
				Response item = this.http.get("/items/" + remaining);
				assertThat(item.body()).isEqualTo("item " + remaining);
				assertThat(item.header("RateLimit")).isEqualTo("\"items\";r=" + remaining + ";t=60");
			}
			assertThat(this.http.get("/items/7").status()).isEqualTo(429);
			assertThat(this.http.get("/items/special").body()).isEqualTo("functional");
		}

	}

	/** Without functional endpoints: the paths of the mappings asked first, by their patterns. */
	@Nested
	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = LIMITS)
	class ActuatorAndUrlMappings extends OverRealHttp {

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

		@Test
		void anAnnotatedLimitDoesNotCountTheActuatorsEndpoints() throws Exception {
			for (int i = 0; i < 3; i++) {
				Response links = this.http.get("/actuator");
				assertThat(links.status()).isEqualTo(200);
				assertThat(links.body()).contains("\"_links\"");
				assertThat(links.hasHeaderStartingWith("RateLimit")).isFalse();
			}
			for (int remaining = 1; remaining >= 0; remaining--) {
				Response top = this.http.get("/top" + remaining);
				assertThat(top.body()).isEqualTo("top");
				assertThat(top.header("RateLimit")).isEqualTo("\"top\";r=" + remaining + ";t=60");
			}
			assertThat(this.http.get("/top").status()).isEqualTo(429);
		}

		@Test
		void aCatchAllExemptionDoesNotReachAUrlMappingOrderedFirst() throws Exception {
			for (int remaining = 1; remaining >= 0; remaining--) {
				Response report = this.http.get("/legacy/report");
				assertThat(report.body()).isEqualTo("legacy");
				assertThat(report.header("RateLimit")).isEqualTo("\"legacy\";r=" + remaining + ";t=60");
			}
			assertThat(this.http.get("/legacy/report").status()).isEqualTo(429);
			Response other = this.http.get("/legacy/other");
			assertThat(other.body()).as("the catch-all handler").isEqualTo("page");
			assertThat(other.hasHeaderStartingWith("RateLimit")).isFalse();
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ ManualClockConfiguration.class, Pages.class })
	static class TestApplication {

		/** A URL mapping of its own, asked before the annotated controllers' one. */
		@Bean
		SimpleUrlHandlerMapping legacyMapping() {
			HttpRequestHandler legacy = (request, response) -> response.getWriter().write("legacy");
			return new SimpleUrlHandlerMapping(Map.of("/legacy/report", legacy), -10);
		}

		@Bean
		@ConditionalOnBooleanProperty("test.functional")
		RouterFunction<ServerResponse> special() {
			return RouterFunctions.route()
				.GET("/fn/special", (request) -> ServerResponse.ok().body("functional"))
				.GET("/items/special", (request) -> ServerResponse.ok().body("functional"))
				.build();
		}

	}

	@RestController
	static class Pages {

		@GetMapping("/fn/{id}")
		@RateLimitExempt
		String item(@PathVariable String id) {
			return id;
		}

		@GetMapping("/items/{id}")
		@RateLimit(name = "items", rate = "2/1m")
		String limitedItem(@PathVariable String id) {
			return "item " + id;
		}

		@GetMapping("/{top}")
		@RateLimit(name = "top", rate = "2/1m")
		String top() {
			return "top";
		}

		@GetMapping("/**")
		@RateLimitExempt
		String page() {
			return "page";
		}

	}

}
