package dev.tollgate.web;

import java.util.List;

import dev.tollgate.ManualClockConfiguration;
import dev.tollgate.OverRealHttp;
import dev.tollgate.RawHttp.Response;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Browsers' cross-origin requests, over real HTTP. A CORS preflight request is never
 * counted, so a page's requests are not limited at half their rate and a preflight
 * never meets a 429, which the page could not read. A 429 carries the CORS headers Spring
 * MVC would have sent, from {@code @CrossOrigin} or global CORS mappings, or those of a
 * CORS filter ordered before Tollgate's, so the page can read it.
 */
@SpringBootTest(classes = CorsTests.TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tollgate.limits.api.paths=/api/**", "tollgate.limits.api.rate=2/1m",
				"tollgate.limits.filtered.paths=/filtered/**", "tollgate.limits.filtered.rate=1/1m",
				"tollgate.limits.global.paths=/global/**", "tollgate.limits.global.rate=1/1m",
				"tollgate.limits.functional.paths=/fn/**", "tollgate.limits.functional.rate=1/1m" })
class CorsTests extends OverRealHttp {

	private static final String ORIGIN = "Origin: https://app.example";

	@Test
	void preflightRequestsAreNeverCounted() throws Exception {
		for (int i = 0; i < 3; i++) {
			Response preflight = this.http.send("OPTIONS", "/api/orders", ORIGIN,
					"Access-Control-Request-Method: POST");
			assertThat(preflight.status()).isEqualTo(200);
			assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
			assertThat(preflight.header("RateLimit")).isNull();
		}
		Response order = this.http.post("/api/orders", ORIGIN);
		assertThat(order.status()).isEqualTo(200);
		assertThat(order.header("RateLimit")).isEqualTo("\"api\";r=1;t=60");
		Response options = this.http.send("OPTIONS", "/api/orders");
		assertThat(options.header("RateLimit")).as("an OPTIONS request that is no preflight counts")
			.isEqualTo("\"api\";r=0;t=60");
		assertThat(this.http.post("/api/orders", ORIGIN).status()).isEqualTo(429);
	}

	@Test
	void a429CarriesTheCorsHeadersOfTheHandlersCrossOrigin() throws Exception {
		Response order = this.http.post("/api/orders", ORIGIN);
		assertThat(order.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
		assertThat(this.http.post("/api/orders", ORIGIN).status()).isEqualTo(200);
		Response rejected = this.http.post("/api/orders", ORIGIN);
		assertThat(rejected.status()).isEqualTo(429);
		assertThat(rejected.body()).contains("\"limit\":\"api\"");
		assertThat(rejected.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
		assertThat(rejected.headers("Vary")).containsExactly("Origin", "Access-Control-Request-Method",
				"Access-Control-Request-Headers");
		assertThat(rejected.header("Access-Control-Allow-Credentials")).isNull();
		Response otherOrigin = this.http.post("/api/orders", "Origin: https://evil.example");
		assertThat(otherOrigin.status()).as("still the rejection, not a CORS refusal").isEqualTo(429);
		assertThat(otherOrigin.header("Access-Control-Allow-Origin")).isNull();
		Response sameOrigin = this.http.post("/api/orders");
		assertThat(sameOrigin.status()).isEqualTo(429);
		assertThat(sameOrigin.header("Access-Control-Allow-Origin")).isNull();
		assertThat(sameOrigin.header("Vary")).isNull();
	}

	@Test
	void aMalformedOriginOnARejectedRequestGetsThePlain429() throws Exception {
		assertThat(this.http.post("/api/orders").status()).isEqualTo(200);
		assertThat(this.http.post("/api/orders").status()).isEqualTo(200);
		for (String origin : List.of("http://[", "http://app.example:99999", "::::", "%zz", "http://a b", "\u00ff")) {
			Response rejected = this.http.post("/api/orders", "Origin: " + origin);
			assertThat(rejected.status()).as(origin).isEqualTo(429);
			assertThat(rejected.header("Access-Control-Allow-Origin")).as(origin).isNull();
		}
	}

	@Test
	void a429CarriesTheCorsHeadersOfGlobalCorsMappings() throws Exception {
		assertThat(this.http.post("/global/orders", ORIGIN).status()).isEqualTo(200);
		Response rejected = this.http.post("/global/orders", ORIGIN);
		assertThat(rejected.status()).isEqualTo(429);
		assertThat(rejected.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
		assertThat(rejected.header("Access-Control-Allow-Credentials")).isEqualTo("true");
		assertThat(rejected.header("Access-Control-Expose-Headers")).isEqualTo("RateLimit, Retry-After");
		assertThat(rejected.header("Retry-After")).isEqualTo("60");
	}

	@Test
	void a429OfAFunctionalEndpointCarriesTheCorsHeadersOfItsMapping() throws Exception {
		Response served = this.http.post("/fn/orders", ORIGIN);
		assertThat(served.body()).isEqualTo("ordered by a function");
		assertThat(served.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
		Response rejected = this.http.post("/fn/orders", ORIGIN);
		assertThat(rejected.status()).isEqualTo(429);
		assertThat(rejected.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
		assertThat(rejected.header("Access-Control-Expose-Headers")).isEqualTo("RateLimit, Retry-After");
	}

	@Test
	void withCorsAsAFilterBeforeTollgateThe429CarriesTheCorsHeaders() throws Exception {
		assertThat(this.http.post("/filtered/orders", ORIGIN).status()).isEqualTo(200);
		Response rejected = this.http.post("/filtered/orders", ORIGIN);
		assertThat(rejected.status()).isEqualTo(429);
		assertThat(rejected.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
		assertThat(rejected.header("Access-Control-Expose-Headers")).isEqualTo("RateLimit, RateLimit-Policy, Retry-After");
		assertThat(rejected.header("Retry-After")).isEqualTo("60");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ ManualClockConfiguration.class, Orders.class })
	static class TestApplication {

		/** Global CORS mappings for /global/**, applied by Spring MVC. */
		@Bean
		WebMvcConfigurer globalCors() {
			return new WebMvcConfigurer() {

				@Override
				public void addCorsMappings(CorsRegistry registry) {
					registry.addMapping("/global/**")
						.allowedOrigins("https://app.example")
						.allowedMethods("POST")
						.allowCredentials(true)
						.exposedHeaders("RateLimit", "Retry-After");
					registry.addMapping("/fn/**")
						.allowedOrigins("https://app.example")
						.allowedMethods("POST")
						.exposedHeaders("RateLimit", "Retry-After");
				}

			};
		}

		/** A functional endpoint, found by the RouterFunctionMapping, not the annotations' one. */
		@Bean
		RouterFunction<ServerResponse> functionalOrders() {
			return RouterFunctions.route()
				.POST("/fn/orders", (request) -> ServerResponse.ok().body("ordered by a function"))
				.build();
		}

		/** CORS for /filtered/**, applied before Tollgate's filter (order -90). */
		@Bean
		FilterRegistrationBean<CorsFilter> corsFilter() {
			CorsConfiguration cors = new CorsConfiguration();
			cors.setAllowedOrigins(List.of("https://app.example"));
			cors.setAllowedMethods(List.of("POST"));
			cors.setExposedHeaders(List.of("RateLimit", "RateLimit-Policy", "Retry-After"));
			UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
			source.registerCorsConfiguration("/filtered/**", cors);
			FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(new CorsFilter(source));
			registration.addUrlPatterns("/filtered/*");
			registration.setOrder(-95);
			return registration;
		}

	}

	@RestController
	static class Orders {

		@PostMapping("/api/orders")
		@CrossOrigin("https://app.example")
		String order() {
			return "ordered";
		}

		@PostMapping("/global/orders")
		String globalOrder() {
			return "ordered";
		}

		@PostMapping("/filtered/orders")
		String filteredOrder() {
			return "ordered";
		}

	}

}
