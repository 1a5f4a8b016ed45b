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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Browsers' cross-origin requests, over real HTTP. A CORS preflight request is never
 * counted, so a page's requests are not limited at half their rate and a preflight
 * never meets a 429, which the page could not read. With CORS applied by a filter
 * ordered before Tollgate's, a 429 carries the CORS headers and the page can read it.
 */
@SpringBootTest(classes = CorsTests.TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tollgate.limits.api.paths=/api/**", "tollgate.limits.api.rate=2/1m",
				"tollgate.limits.filtered.paths=/filtered/**", "tollgate.limits.filtered.rate=1/1m" })
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

		@PostMapping("/filtered/orders")
		String filteredOrder() {
			return "ordered";
		}

	}

}
