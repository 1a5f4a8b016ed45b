package dev.tollgate.security;

import java.util.List;

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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code spring.mvc.pathmatch.matching-strategy=ant-path-matcher}, Spring MVC finds
 * handlers by the path its {@code UrlPathHelper} makes of the URI: decoded, without
 * {@code ;} parameters, and with {@code //} made {@code /}. Tollgate reads the path the
 * same way, so no spelling of a path reaches a handler past its limit.
 */
@SpringBootTest(classes = AntPathMatcherTests.TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.mvc.pathmatch.matching-strategy=ant-path-matcher", "tollgate.limits.api.paths=/v1/**",
				"tollgate.limits.api.rate=100/1m", "tollgate.limits.exchange.paths=/v1/auth/exchange",
				"tollgate.limits.exchange.methods=POST", "tollgate.limits.exchange.rate=3/1m" })
class AntPathMatcherTests extends OverRealHttp {

	private static final List<String> SPELLINGS = List.of("/v1/auth/exchange", "/v1//auth/exchange",
			"//v1/auth/exchange", "/v1/auth//exchange", "/v1/auth/exchange;jsessionid=a", "/v1/auth;a=b/exchange",
			"/v1/auth/%65xchange", "/v1/%61uth//%65xchange", "/v1/./auth/exchange", "/v1/x/../auth/exchange",
			"/v1/auth/exchange/", "/V1/auth/exchange", "/v1/auth%2Fexchange", "/v1/auth/exchange.json");

	@Test
	void everySpellingThatReachesAHandlerMeetsItsLimit() throws Exception {
		int reached = 0;
		for (String spelling : SPELLINGS) {
			Response response = this.http.post(spelling);
			assertThat(response.status()).as(spelling).isLessThan(500);
			if (response.body().equals("jwt")) {
				reached++;
				assertThat(response.header("RateLimit")).as(spelling).contains("\"exchange\";r=" + Math.max(0, 3 - reached));
			}
			if (reached == 3) {
				break;
			}
		}
		assertThat(reached).isEqualTo(3);
		for (String spelling : SPELLINGS) {
			assertThat(this.http.post(spelling).body()).as(spelling).isNotEqualTo("jwt");
		}
	}

	@Test
	void annotatedLimitsMeetTheSameSpellings() throws Exception {
		for (String spelling : List.of("/v1//items/7", "/v1/items/7;v=1", "/v1/items//%37")) {
			Response response = this.http.get(spelling);
			assertThat(response.body()).as(spelling).isEqualTo("7");
			assertThat(response.header("RateLimit")).as(spelling).contains("\"item\";r=");
		}
		assertThat(this.http.get("/v1//items/7").status()).isEqualTo(429);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ ManualClockConfiguration.class, Api.class })
	static class TestApplication {

	}

	@RestController
	static class Api {

		@PostMapping("/v1/auth/exchange")
		String exchange() {
			return "jwt";
		}

		@GetMapping("/v1/items/{id}")
		@RateLimit(name = "item", rate = "3/1m")
		String item(@PathVariable String id) {
			return id;
		}

	}

}
