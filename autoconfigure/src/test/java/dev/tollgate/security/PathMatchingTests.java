package dev.tollgate.security;

import java.util.List;
import java.util.Map;

import dev.tollgate.ManualClockConfiguration;
import dev.tollgate.OverRealHttp;
import dev.tollgate.RawHttp.Response;
import dev.tollgate.annotation.RateLimit;
import dev.tollgate.annotation.RateLimitExempt;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.PathMatchConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Limits match the paths that reach each handler however the application has Spring
 * MVC match paths, so no spelling of a path reaches a handler past its limit.
 */
class PathMatchingTests {

	/** The same limits for each way of matching, one property per line. */
	private static final String LIMITS = """
			tollgate.limits.api.paths=/v1/**
			tollgate.limits.api.rate=100/1m
			tollgate.limits.exchange.paths=/v1/auth/exchange
			tollgate.limits.exchange.methods=POST
			tollgate.limits.exchange.rate=3/1m
			tollgate.default-limit.rate=100/1m
			tollgate.exempt=/v1/status
			""";

	/**
	 * With {@code spring.mvc.pathmatch.matching-strategy=ant-path-matcher}, Spring MVC
	 * finds handlers by the path its {@code UrlPathHelper} makes of the URI: decoded,
	 * without {@code ;} parameters, and with {@code //} made {@code /}.
	 */
	@Nested
	@SpringBootTest(classes = App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "spring.mvc.pathmatch.matching-strategy=ant-path-matcher", LIMITS })
	class AntPathMatcher extends OverRealHttp {

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
					assertThat(response.header("RateLimit")).as(spelling).contains("\"exchange\";r=" + (3 - reached));
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
		void mappingsOnlyAnAntPathMatcherReadsStartAndTheirLimitsAndExemptionsApplyExactly() throws Exception {
			// '**' inside a pattern, which no path pattern reads: requests a wider pattern
			// matches go to the handler Spring MVC chooses, which Tollgate asks for
			Response meta = this.http.get("/v1/files/a/b/meta");
			assertThat(meta.body()).isEqualTo("meta");
			assertThat(meta.header("RateLimit")).isEqualTo("\"api\";r=99;t=60, \"meta\";r=0;t=60");
			for (int i = 0; i < 2; i++) {
				Response files = this.http.get("/v1/files/a/b");
				assertThat(files.body()).isEqualTo("files");
				assertThat(files.header("RateLimit")).isEqualTo("\"api\";r=" + (98 - i) + ";t=60");
			}
			assertThat(this.http.get("/v1/files/c/meta").status()).isEqualTo(429);
			Response raw = this.http.get("/v1/docs/a/raw");
			assertThat(raw.body()).isEqualTo("raw");
			assertThat(raw.hasHeaderStartingWith("RateLimit")).isFalse();
			assertThat(this.http.get("/v1/docs/a/cooked").header("RateLimit")).isEqualTo("\"api\";r=96;t=60");
		}

		@Test
		void theHandlerAnAntPathMatcherRanksFirstKeepsItsLimit() throws Exception {
			// the AntPathMatcher ranks /v1/grid/*/c (one wildcard) before /v1/grid/{x}/{y}
			// (two variables), where path patterns rank them the other way round
			Response wild = this.http.get("/v1/grid/b/c");
			assertThat(wild.body()).isEqualTo("wildcard");
			assertThat(wild.header("RateLimit")).isEqualTo("\"api\";r=99;t=60, \"wildcard\";r=0;t=60");
			assertThat(this.http.get("/v1/grid/b/c").status()).isEqualTo(429);
			Response variables = this.http.get("/v1/grid/b/d");
			assertThat(variables.body()).isEqualTo("variables");
			assertThat(variables.header("RateLimit")).isEqualTo("\"api\";r=98;t=60");
		}

		@Test
		void handlersTheAntPathMatchersComparatorRanksInACircleKeepTheirLimits() throws Exception {
			// /v1/cyc/a/** comes before /v1/cyc/*/**/b, which comes before /v1/cyc/*/{v}/*,
			// which comes before /v1/cyc/a/**: which one Spring MVC chooses depends on all
			// three, so Tollgate asks it
			List<String> names = List.of("cyc-a", "cyc-b", "cyc-c");
			Response first = this.http.get("/v1/cyc/a/x/b");
			String chosen = first.body();
			assertThat(names).contains(chosen);
			assertThat(first.header("RateLimit")).isEqualTo("\"api\";r=99;t=60, \"" + chosen + "\";r=1;t=60");
			Response second = this.http.get("/v1/cyc/a/x/b");
			assertThat(second.body()).isEqualTo(chosen);
			assertThat(second.header("RateLimit")).isEqualTo("\"api\";r=98;t=60, \"" + chosen + "\";r=0;t=60");
			assertThat(this.http.get("/v1/cyc/a/x/b").status()).isEqualTo(429);
		}

		@Test
		void aStarSegmentThatTheAntPathMatcherLetsMatchEmptyKeepsItsLimit() throws Exception {
			// /v1/star/*/ matches /v1/star/ under that matcher, where a path pattern does not
			for (int remaining = 1; remaining >= 0; remaining--) {
				Response empty = this.http.get("/v1/star/");
				assertThat(empty.body()).isEqualTo("star");
				assertThat(empty.header("RateLimit")).isEqualTo("\"api\";r=" + (98 + remaining)
						+ ";t=60, \"star\";r=" + remaining + ";t=60");
			}
			assertThat(this.http.get("/v1/star/").status()).isEqualTo(429);
			assertThat(this.http.get("/v1/star/x/").status()).isEqualTo(429);
		}

		@Test
		void annotatedLimitsMeetTheSameSpellings() throws Exception {
			for (String spelling : List.of("/v1//items/7", "/v1/items/7;v=1")) {
				Response response = this.http.get(spelling);
				assertThat(response.body()).as(spelling).isEqualTo("7");
				assertThat(response.header("RateLimit")).as(spelling).contains("\"item\";r=");
			}
			assertThat(this.http.get("/v1/items//%37").status()).isEqualTo(429);
		}

	}

	/**
	 * An application whose handler mappings match paths in any case (its own
	 * {@code PathPatternParser}) has its configured limits and exemptions matched the
	 * same way: {@code /V1/AUTH/EXCHANGE} reaches the handler, so it meets the limit.
	 */
	@Nested
	@SpringBootTest(classes = App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "test.paths.any-case=true", LIMITS })
	class CaseInsensitivePatterns extends OverRealHttp {

		@Test
		void configuredLimitsMatchInAnyCaseAsTheHandlersDo() throws Exception {
			List<String> spellings = List.of("/v1/auth/exchange", "/V1/AUTH/EXCHANGE", "/v1/Auth/eXchange");
			for (int i = 0; i < 3; i++) {
				Response response = this.http.post(spellings.get(i));
				assertThat(response.body()).as(spellings.get(i)).isEqualTo("jwt");
				assertThat(response.header("RateLimit")).as(spellings.get(i)).contains("\"exchange\";r=" + (2 - i));
			}
			for (String spelling : spellings) {
				assertThat(this.http.post(spelling).status()).as(spelling).isEqualTo(429);
			}
		}

		@Test
		void annotatedLimitsAndExemptionsToo() throws Exception {
			for (String spelling : List.of("/v1/items/7", "/V1/ITEMS/7")) {
				assertThat(this.http.get(spelling).header("RateLimit")).as(spelling).contains("\"item\";r=");
			}
			assertThat(this.http.get("/v1/Items/7").status()).isEqualTo(429);
			assertThat(this.http.get("/V1/STATUS").header("RateLimit")).as("exempt in any case").isNull();
			assertThat(this.http.get("/v1/PING").header("RateLimit")).as("exempt in any case").isNull();
		}

	}

	/**
	 * The same with an {@code AntPathMatcher} that matches in any case, which says so
	 * only by how it matches.
	 */
	@Nested
	@SpringBootTest(classes = App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "spring.mvc.pathmatch.matching-strategy=ant-path-matcher", "test.paths.any-case-ant=true",
					LIMITS })
	class CaseInsensitiveAntPathMatcher extends CaseInsensitivePatterns {

	}

	/**
	 * With a {@code PathMatcher} of the application's own, here one that takes
	 * {@code /latest/} for {@code /v1/}, which Tollgate cannot read: annotated limits and
	 * exemptions follow the handler Spring MVC chooses for each request.
	 */
	@Nested
	@SpringBootTest(classes = App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "spring.mvc.pathmatch.matching-strategy=ant-path-matcher", "test.paths.own-matcher=true",
					LIMITS })
	class OwnPathMatcher extends OverRealHttp {

		@Test
		void annotatedLimitsAndExemptionsFollowTheHandler() throws Exception {
			for (String spelling : List.of("/v1/items/7", "/latest/items/7")) {
				Response response = this.http.get(spelling);
				assertThat(response.body()).as(spelling).isEqualTo("7");
				assertThat(response.header("RateLimit")).as(spelling).contains("\"item\";r=");
			}
			assertThat(this.http.get("/latest/items/8").status()).isEqualTo(429);
			Response ping = this.http.get("/latest/ping");
			assertThat(ping.body()).isEqualTo("pong");
			assertThat(ping.header("RateLimit")).as("exempt").isNull();
			Response status = this.http.get("/latest/status");
			assertThat(status.body()).isEqualTo("up");
			assertThat(status.header("RateLimit")).as("the default limit, not exempt by path")
				.startsWith("\"default\";r=99;");
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ ManualClockConfiguration.class, Api.class, AntOnlyApi.class })
	static class App {

		@Bean
		@ConditionalOnBooleanProperty("test.paths.any-case")
		WebMvcConfigurer anyCase() {
			return new WebMvcConfigurer() {

				@Override
				public void configurePathMatch(PathMatchConfigurer configurer) {
					PathPatternParser parser = new PathPatternParser();
					parser.setCaseSensitive(false);
					configurer.setPatternParser(parser);
				}

			};
		}

		@Bean
		@ConditionalOnBooleanProperty("test.paths.any-case-ant")
		WebMvcConfigurer anyCaseAntPathMatcher() {
			return new WebMvcConfigurer() {

				@Override
				public void configurePathMatch(PathMatchConfigurer configurer) {
					org.springframework.util.AntPathMatcher matcher = new org.springframework.util.AntPathMatcher();
					matcher.setCaseSensitive(false);
					configurer.setPathMatcher(matcher);
				}

			};
		}

		@Bean
		@ConditionalOnBooleanProperty("test.paths.own-matcher")
		WebMvcConfigurer ownPathMatcher() {
			return new WebMvcConfigurer() {

				@Override
				public void configurePathMatch(PathMatchConfigurer configurer) {
					configurer.setPathMatcher(new LatestIsV1PathMatcher());
				}

			};
		}

	}

	/** An {@code AntPathMatcher} that takes {@code /latest/} for {@code /v1/}. */
	static class LatestIsV1PathMatcher extends org.springframework.util.AntPathMatcher {

		@Override
		protected boolean doMatch(String pattern, @Nullable String path, boolean fullMatch,
				@Nullable Map<String, String> uriTemplateVariables) {
			String v1 = (path != null && path.startsWith("/latest/")) ? "/v1/" + path.substring(8) : path;
			return super.doMatch(pattern, v1, fullMatch, uriTemplateVariables);
		}

	}

	/** A mapping only an {@code AntPathMatcher} takes: {@code **} inside the pattern. */
	@RestController
	@ConditionalOnProperty(name = "spring.mvc.pathmatch.matching-strategy", havingValue = "ant-path-matcher")
	static class AntOnlyApi {

		@GetMapping("/v1/files/**/meta")
		@RateLimit(name = "meta", rate = "1/1m")
		String meta() {
			return "meta";
		}

		@GetMapping("/v1/grid/*/c")
		@RateLimit(name = "wildcard", rate = "1/1m")
		String wildcard() {
			return "wildcard";
		}

		@GetMapping("/v1/grid/{x}/{y}")
		String variables() {
			return "variables";
		}

		@GetMapping("/v1/star/*/")
		@RateLimit(name = "star", rate = "2/1m")
		String star() {
			return "star";
		}

		@GetMapping("/v1/cyc/a/**")
		@RateLimit(name = "cyc-a", rate = "2/1m")
		String cycA() {
			return "cyc-a";
		}

		@GetMapping("/v1/cyc/*/**/b")
		@RateLimit(name = "cyc-b", rate = "2/1m")
		String cycB() {
			return "cyc-b";
		}

		@GetMapping("/v1/cyc/*/{v}/*")
		@RateLimit(name = "cyc-c", rate = "2/1m")
		String cycC() {
			return "cyc-c";
		}

		@GetMapping("/v1/files/**")
		String files() {
			return "files";
		}

		@GetMapping("/v1/docs/**/raw")
		@RateLimitExempt
		String raw() {
			return "raw";
		}

	}

	@RestController
	static class Api {

		@PostMapping("/v1/auth/exchange")
		String exchange() {
			return "jwt";
		}

		@GetMapping("/v1/items/{id}")
		@RateLimit(name = "item", rate = "2/1m")
		String item(@PathVariable String id) {
			return id;
		}

		@GetMapping("/v1/status")
		String status() {
			return "up";
		}

		@GetMapping("/v1/ping")
		@RateLimitExempt
		String ping() {
			return "pong";
		}

	}

}
