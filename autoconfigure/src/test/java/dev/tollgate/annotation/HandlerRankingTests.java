package dev.tollgate.annotation;

import dev.tollgate.ManualClockConfiguration;
import dev.tollgate.OverRealHttp;
import dev.tollgate.RawHttp.Response;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where Spring MVC ranks overlapping handlers by more than their patterns, each
 * request counts against the limit of the handler it reaches: {@code HEAD} requests go
 * first to handlers that name their method, {@code OPTIONS} requests only to handlers
 * that name it, a handler with more patterns that match comes before one with fewer,
 * and conditions come before methods. Each of these let
 * requests past a limit until Tollgate ranked handlers so (found by
 * {@code RoutesAgreeWithSpringMvcTests}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class HandlerRankingTests extends OverRealHttp {

	@Test
	void aHeadRequestCountsAgainstTheGetHandlerThatTakesIt() throws Exception {
		for (int remaining = 1; remaining >= 0; remaining--) {
			Response head = this.http.send("HEAD", "/head/files/1");
			assertThat(head.status()).isEqualTo(200);
			assertThat(head.header("RateLimit")).isEqualTo("\"pair\";r=" + remaining + ";t=60");
		}
		assertThat(this.http.send("HEAD", "/head/files/1").status()).isEqualTo(429);
		Response get = this.http.get("/head/files/1");
		assertThat(get.body()).isEqualTo("files");
		assertThat(get.header("RateLimit")).isEqualTo("\"files\";r=99;t=60");
	}

	@Test
	void aHandlerWithMorePatternsThatMatchCountsItsRequests() throws Exception {
		for (int remaining = 1; remaining >= 0; remaining--) {
			Response multi = this.http.get("/multi/ab");
			assertThat(multi.body()).isEqualTo("multi");
			assertThat(multi.header("RateLimit")).isEqualTo("\"multi\";r=" + remaining + ";t=60");
		}
		assertThat(this.http.get("/multi/ab").status()).isEqualTo(429);
	}

	@Test
	void aConditionComesBeforeAnExplicitMethod() throws Exception {
		for (int remaining = 1; remaining >= 0; remaining--) {
			Response flagged = this.http.get("/cond/x/b", "X-H: 1");
			assertThat(flagged.body()).isEqualTo("flagged");
			assertThat(flagged.header("RateLimit")).isEqualTo("\"flagged\";r=" + remaining + ";t=60");
		}
		assertThat(this.http.get("/cond/x/b", "X-H: 1").status()).isEqualTo(429);
		Response plain = this.http.get("/cond/x/b");
		assertThat(plain.body()).isEqualTo("plain");
		assertThat(plain.header("RateLimit")).isEqualTo("\"plain\";r=99;t=60");
	}

	@Test
	void anOptionsRequestCountsAgainstTheHandlerThatNamesOptionsAndNoOther() throws Exception {
		for (int remaining = 1; remaining >= 0; remaining--) {
			Response options = this.http.send("OPTIONS", "/opts/special");
			assertThat(options.body()).isEqualTo("opts");
			assertThat(options.header("RateLimit")).isEqualTo("\"opts\";r=" + remaining + ";t=60");
		}
		assertThat(this.http.send("OPTIONS", "/opts/special").status()).isEqualTo(429);
		Response special = this.http.get("/opts/special");
		assertThat(special.body()).isEqualTo("special");
		assertThat(special.header("RateLimit")).isEqualTo("\"special\";r=99;t=60");
		Response answeredBySpringMvc = this.http.send("OPTIONS", "/any");
		assertThat(answeredBySpringMvc.status()).isEqualTo(200);
		assertThat(answeredBySpringMvc.header("Allow")).isNotNull();
		assertThat(answeredBySpringMvc.header("RateLimit")).as("no handler of /any runs").isNull();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ ManualClockConfiguration.class, Handlers.class })
	static class TestApplication {

	}

	@RestController
	static class Handlers {

		@RequestMapping(path = "/opts/{x}", method = RequestMethod.OPTIONS)
		@RateLimit(name = "opts", rate = "2/1m")
		String opts() {
			return "opts";
		}

		@RequestMapping("/opts/special")
		@RateLimit(name = "special", rate = "100/1m")
		String special() {
			return "special";
		}

		@RequestMapping("/any")
		@RateLimit(name = "any", rate = "100/1m")
		String any() {
			return "any";
		}

		@GetMapping("/head/{a}/{b}")
		@RateLimit(name = "pair", rate = "2/1m")
		String pair() {
			return "pair";
		}

		@RequestMapping("/head/files/{x}")
		@RateLimit(name = "files", rate = "100/1m")
		String files() {
			return "files";
		}

		@RequestMapping({ "/multi/a*", "/multi/{v}/**" })
		@RateLimit(name = "multi", rate = "2/1m")
		String multi() {
			return "multi";
		}

		@GetMapping("/multi/a*")
		@RateLimit(name = "single", rate = "100/1m")
		String single() {
			return "single";
		}

		@GetMapping("/cond/{v}/b")
		@RateLimit(name = "plain", rate = "100/1m")
		String plain() {
			return "plain";
		}

		@RequestMapping(path = "/cond/{v}/b", headers = "X-H=1")
		@RateLimit(name = "flagged", rate = "2/1m")
		String flagged() {
			return "flagged";
		}

	}

}
