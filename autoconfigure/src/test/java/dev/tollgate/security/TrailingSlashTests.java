package dev.tollgate.security;

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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.UrlHandlerFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring's {@code UrlHandlerFilter}, the replacement for trailing slash matching, may
 * run after Tollgate (a filter bean without an order runs last) and hand
 * {@code /v1/auth/exchange/} to the handler of {@code /v1/auth/exchange}. A trailing
 * slash therefore never takes a request out of the limit of the path without it.
 */
@SpringBootTest(classes = TrailingSlashTests.TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tollgate.limits.exchange.paths=/v1/auth/exchange", "tollgate.limits.exchange.methods=POST",
				"tollgate.limits.exchange.rate=2/1m" })
class TrailingSlashTests extends OverRealHttp {

	@Test
	void aTrailingSlashThatReachesTheHandlerMeetsItsLimit() throws Exception {
		for (String path : new String[] { "/v1/auth/exchange/", "/v1/auth/exchange" }) {
			Response response = this.http.post(path);
			assertThat(response.body()).as(path).isEqualTo("jwt");
			assertThat(response.header("RateLimit")).as(path).startsWith("\"exchange\"");
		}
		assertThat(this.http.post("/v1/auth/exchange/").status()).isEqualTo(429);
		assertThat(this.http.post("/v1/auth/exchange//").status()).as("not routed").isNotEqualTo(200);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ ManualClockConfiguration.class, Api.class })
	static class TestApplication {

		@Bean
		UrlHandlerFilter trailingSlash() {
			return UrlHandlerFilter.trailingSlashHandler("/v1/**").wrapRequest().build();
		}

	}

	@RestController
	static class Api {

		@PostMapping("/v1/auth/exchange")
		String exchange() {
			return "jwt";
		}

	}

}
