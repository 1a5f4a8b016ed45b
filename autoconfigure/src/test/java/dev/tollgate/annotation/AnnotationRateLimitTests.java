package dev.tollgate.annotation;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.tollgate.ManualClockConfiguration;
import dev.tollgate.OverRealHttp;
import dev.tollgate.RawHttp.Response;
import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.rule.RateLimitRules;
import dev.tollgate.web.HandlerLookup;
import dev.tollgate.web.HandlerMappingLookup;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @RateLimit} and {@code @RateLimitExempt} end to end, over real HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tollgate.default-limit.rate=50/1m", "tollgate.limits.tunable.rate=4/1m",
				"tollgate.limits.tunable.mode=shadow", "tollgate.limits.switched-off.enabled=false",
				"tollgate.limits.yaml-orders.paths=/orders/**", "tollgate.limits.yaml-orders.rate=100/1m" })
class AnnotationRateLimitTests extends OverRealHttp {

	@Autowired
	private RateLimitRules rules;

	@Autowired
	private ObjectProvider<HandlerMapping> handlerMappings;

	@Autowired
	private RequestMappingHandlerMapping requestMappingHandlerMapping;

	@Test
	void classLimitIsSharedByItsMethodsAndStacksWithMethodLimits() throws Exception {
		Response created = this.http.post("/orders");
		assertThat(created.header("RateLimit-Policy"))
			.isEqualTo("\"yaml-orders\";q=100;w=60, \"orders\";q=5;w=60, \"orders-create\";q=2;w=60");
		assertThat(created.header("RateLimit")).isEqualTo("\"yaml-orders\";r=99;t=60, \"orders\";r=4;t=60, "
				+ "\"orders-create\";r=1;t=60");
		assertThat(this.http.post("/orders").status()).isEqualTo(200);
		Response third = this.http.post("/orders");
		assertThat(third.status()).isEqualTo(429);
		assertThat(third.body()).contains("\"limit\":\"orders-create\"");
		assertThat(this.http.get("/orders").header("RateLimit")).contains("\"orders\";r=2;");
		assertThat(this.http.get("/orders/7").header("RateLimit")).contains("\"orders\";r=1;");
		assertThat(this.http.get("/orders").status()).isEqualTo(200);
		Response exhausted = this.http.get("/orders/7");
		assertThat(exhausted.status()).isEqualTo(429);
		assertThat(exhausted.body()).contains("\"limit\":\"orders\"");
	}

	@Test
	void methodCanOptOutOfTheClassLimitByName() throws Exception {
		for (int i = 0; i < 8; i++) {
			Response response = this.http.get("/orders/export");
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.header("RateLimit-Policy")).isEqualTo("\"yaml-orders\";q=100;w=60");
		}
	}

	@Test
	void repeatedAnnotationsAreSeparateLimits() throws Exception {
		for (int i = 1; i <= 3; i++) {
			assertThat(this.http.get("/reports").status()).isEqualTo(200);
		}
		assertThat(this.http.get("/reports").body()).contains("\"limit\":\"burst\"");
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.http.get("/reports").status()).isEqualTo(200);
		assertThat(this.http.get("/reports").status()).isEqualTo(200);
		Response hourly = this.http.get("/reports");
		assertThat(hourly.status()).isEqualTo(429);
		assertThat(hourly.body()).contains("\"limit\":\"hourly\"");
		assertThat(hourly.header("Retry-After")).isEqualTo("3599");
	}

	@Test
	void metaAnnotationCarriesTheLimit() throws Exception {
		assertThat(this.http.post("/login", "X-User: alice").status()).isEqualTo(200);
		assertThat(this.http.post("/login", "X-User: alice").status()).isEqualTo(200);
		assertThat(this.http.post("/login", "X-User: alice").status()).isEqualTo(429);
		assertThat(this.http.post("/login", "X-User: bob").status()).isEqualTo(200);
		RateLimitRule login = rule("login");
		assertThat(login.getKeyName()).isEqualTo("header:X-User");
		assertThat(login.getSource()).isEqualTo("@RateLimit(name = \"login\") on " + Controllers.Login.class.getName()
				+ "#login");
	}

	@Test
	void exemptClassAndMethodEscapeEvenTheDefaultLimit() throws Exception {
		for (int i = 0; i < 60; i++) {
			Response health = this.http.get("/status");
			assertThat(health.status()).isEqualTo(200);
			assertThat(health.hasHeaderStartingWith("RateLimit")).isFalse();
			assertThat(this.http.get("/public/info").hasHeaderStartingWith("RateLimit")).isFalse();
		}
		assertThat(this.http.get("/unannotated").header("RateLimit")).isEqualTo("\"default\";r=49;t=60");
	}

	@Test
	void configurationOverridesAnnotationWithoutRebuild() throws Exception {
		RateLimitRule tunable = rule("tunable");
		assertThat(tunable.getRates()).hasToString("[4/1m]");
		assertThat(tunable.getSource()).endsWith("overridden by tollgate.limits.tunable");
		for (int i = 1; i <= 6; i++) {
			Response response = this.http.get("/tunable");
			assertThat(response.status()).as("shadow mode never rejects").isEqualTo(200);
			assertThat(response.header("RateLimit")).isEqualTo("\"tunable\";r=" + Math.max(0, 4 - i) + ";t=60");
		}
		assertThat(this.rules.getLimits()).extracting(RateLimitRule::getName).doesNotContain("switched-off");
		assertThat(this.http.get("/switched-off").header("RateLimit")).startsWith("\"default\"");
	}

	@Test
	void pathVariablesShareTheHandlersLimitButMoreSpecificHandlersAreTheirOwn() throws Exception {
		assertThat(this.http.get("/items/1").status()).isEqualTo(200);
		assertThat(this.http.get("/items/2;v=1").status()).isEqualTo(200);
		assertThat(this.http.get("/items/%33").status()).isEqualTo(429);
		Response special = this.http.get("/items/special");
		assertThat(special.status()).isEqualTo(200);
		assertThat(special.body()).isEqualTo("special");
		assertThat(special.header("RateLimit")).startsWith("\"default\"");
		assertThat(this.http.send("HEAD", "/items/4").status()).isEqualTo(429);
	}

	@Test
	void onAPathHandlersShareByConditionsTheLimitsAreThoseOfTheHandlerSpringMvcChooses() throws Exception {
		// Spring MVC hands /items/export to export() if the request accepts CSV, else to
		// item("export"): only the latter counts against the item limit
		for (int i = 0; i < 3; i++) {
			Response csv = this.http.get("/items/export", "Accept: text/csv");
			assertThat(csv.body()).isEqualTo("id,name");
			assertThat(csv.header("RateLimit")).isEqualTo("\"default\";r=" + (49 - i) + ";t=60");
		}
		Response json = this.http.get("/items/export", "Accept: application/json");
		assertThat(json.body()).isEqualTo("export");
		assertThat(json.header("RateLimit")).isEqualTo("\"item\";r=1;t=60");
		Response anything = this.http.get("/items/export", "Accept: */*");
		assertThat(anything.body()).as("the more specific handler, whose conditions it meets").isEqualTo("id,name");
		assertThat(anything.header("RateLimit")).isEqualTo("\"default\";r=46;t=60");
		assertThat(this.http.get("/items/export", "Accept: application/json").header("RateLimit"))
			.isEqualTo("\"item\";r=0;t=60");
		assertThat(this.http.get("/items/export", "Accept: application/json").status()).isEqualTo(429);
		assertThat(this.http.get("/items/export", "Accept: text/csv").status()).isEqualTo(200);
	}

	@Test
	void aMalformedRequestOnASharedPathCountsAndNeverFails() throws Exception {
		for (String accept : List.of("Accept: text/", "Accept: text/csv;q=x", "Accept: " + "a/b,".repeat(2000))) {
			Response response = this.http.get("/items/export", accept);
			assertThat(response.status()).as(accept).isLessThan(500);
			assertThat(response.header("RateLimit")).as(accept).startsWith("\"item\";r=");
		}
		assertThat(this.http.get("/items/export", "Accept: application/json").status()).isEqualTo(429);
	}

	@Test
	void theHandlerIsLookedUpAsSpringMvcChoosesItWithoutChangingTheRequest() {
		HandlerLookup lookup = new HandlerMappingLookup(() -> this.handlerMappings.orderedStream().toList(),
				this.requestMappingHandlerMapping);
		MockHttpServletRequest csv = new MockHttpServletRequest("GET", "/items/export");
		csv.addHeader("Accept", "text/csv");
		csv.setAttribute("before", "kept");
		assertThat(lookup.handlerOf(csv)).isInstanceOfSatisfying(HandlerMethod.class,
				(handler) -> assertThat(handler.getMethod().getName()).isEqualTo("export"));
		assertThat(Collections.list(csv.getAttributeNames())).containsExactly("before");
		MockHttpServletRequest json = new MockHttpServletRequest("GET", "/items/export");
		json.addHeader("Accept", "application/json");
		assertThat(lookup.handlerOf(json)).isInstanceOfSatisfying(HandlerMethod.class,
				(handler) -> assertThat(handler.getMethod().getName()).isEqualTo("item"));
		assertThat(lookup.handlerOf(new MockHttpServletRequest("POST", "/items/export"))).as("no handler").isNull();
	}

	@Test
	void anExemptionOnAPathHandlersShareByConditionsReachesTheRequestsOfItsOwnHandler() throws Exception {
		// the feed is exempt; a request that does not accept Atom goes to item("feed")
		for (int i = 0; i < 3; i++) {
			Response feed = this.http.get("/items/feed", "Accept: application/atom+xml");
			assertThat(feed.body()).isEqualTo("<feed/>");
			assertThat(feed.hasHeaderStartingWith("RateLimit")).isFalse();
		}
		Response refused = this.http.get("/items/feed", "Accept: application/json");
		assertThat(refused.body()).isEqualTo("feed");
		assertThat(refused.header("RateLimit")).isEqualTo("\"item\";r=1;t=60");
		// /beta is exempt, and /beta?preview goes to a limited handler of its own
		for (int i = 0; i < 3; i++) {
			Response beta = this.http.get("/beta");
			assertThat(beta.body()).isEqualTo("beta");
			assertThat(beta.hasHeaderStartingWith("RateLimit")).isFalse();
		}
		Response preview = this.http.get("/beta?preview");
		assertThat(preview.body()).isEqualTo("preview");
		assertThat(preview.header("RateLimit")).isEqualTo("\"preview\";r=0;t=60");
		assertThat(this.http.get("/beta?preview").status()).isEqualTo(429);
		assertThat(this.http.get("/beta").status()).isEqualTo(200);
	}

	@Test
	void aHeadRequestCountsAgainstTheHeadHandlerSpringMvcPrefersToTheGetOne() throws Exception {
		for (int i = 0; i < 3; i++) {
			Response head = this.http.send("HEAD", "/docs");
			assertThat(head.status()).isEqualTo(200);
			assertThat(head.header("X-Handler")).isEqualTo("head");
			assertThat(head.header("RateLimit")).isEqualTo("\"default\";r=" + (49 - i) + ";t=60");
		}
		assertThat(this.http.get("/docs").header("RateLimit")).isEqualTo("\"docs\";r=0;t=60");
		assertThat(this.http.get("/docs").status()).isEqualTo(429);
	}

	@Test
	void handlersWithTheSameConditionsAreToldApartByPathAlone() throws Exception {
		// a controller that produces JSON on every mapping: a request /catalog/featured
		// refuses, /catalog/{id} refuses too, so the more specific handler keeps its path
		for (int i = 0; i < 3; i++) {
			Response featured = this.http.get("/catalog/featured", "Accept: application/json");
			assertThat(featured.body()).isEqualTo("\"featured\"");
			assertThat(featured.header("RateLimit")).startsWith("\"default\"");
		}
		assertThat(this.http.get("/catalog/1").header("RateLimit")).contains("\"catalog\";r=1");
		assertThat(this.http.get("/catalog/featured", "Accept: text/csv").status()).isEqualTo(406);
	}

	@Test
	void anAsynchronousHandlerIsCountedOnceWithItsHeadersOnTheResponse() throws Exception {
		for (int remaining = 1; remaining >= 0; remaining--) {
			Response response = this.http.get("/async");
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("later");
			assertThat(response.header("RateLimit")).as("not counted again when the result is dispatched")
				.isEqualTo("\"async\";r=" + remaining + ";t=60");
		}
		Response rejected = this.http.get("/async");
		assertThat(rejected.status()).isEqualTo(429);
		assertThat(rejected.body()).contains("\"limit\":\"async\"");
	}

	@Test
	void aHandlerThatFailsIsCountedAndItsErrorResponseKeepsTheHeaders() throws Exception {
		for (int remaining = 1; remaining >= 0; remaining--) {
			Response response = this.http.get("/failing");
			assertThat(response.status()).isEqualTo(500);
			assertThat(response.header("RateLimit")).isEqualTo("\"failing\";r=" + remaining + ";t=60");
		}
		Response rejected = this.http.get("/failing");
		assertThat(rejected.status()).isEqualTo(429);
		assertThat(rejected.body()).contains("\"limit\":\"failing\"");
	}

	private RateLimitRule rule(String name) {
		return this.rules.getLimits().stream().filter((rule) -> rule.getName().equals(name)).findFirst().orElseThrow();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ ManualClockConfiguration.class, Controllers.Orders.class, Controllers.Reports.class,
			Controllers.Login.class, Controllers.Status.class, Controllers.Mixed.class, Controllers.Items.class,
			Controllers.AsyncAndFailing.class, Controllers.Catalog.class })
	static class TestApplication {

	}

	static class Controllers {

		@RestController
		@RequestMapping("/orders")
		@RateLimit(name = "orders", rate = "5/1m")
		static class Orders {

			@GetMapping
			String list() {
				return "orders";
			}

			@GetMapping("/{id}")
			String get(@PathVariable String id) {
				return id;
			}

			@PostMapping
			@RateLimit(name = "orders-create", rate = "2/1m")
			String create() {
				return "created";
			}

			@GetMapping("/export")
			@RateLimitExempt(limits = "orders")
			String export() {
				return "export";
			}

		}

		@RestController
		static class Reports {

			@GetMapping("/reports")
			@RateLimit(name = "burst", rate = "3/1s")
			@RateLimit(name = "hourly", rate = "5/1h")
			String reports() {
				return "reports";
			}

		}

		@RestController
		static class Login {

			@PostMapping("/login")
			@LoginRateLimit
			String login() {
				return "welcome";
			}

		}

		@RestController
		@RateLimitExempt
		static class Status {

			@GetMapping("/status")
			Map<String, String> status() {
				return Map.of("status", "UP");
			}

		}

		@RestController
		static class Mixed {

			@GetMapping("/public/info")
			@RateLimitExempt
			String info() {
				return "info";
			}

			@GetMapping("/unannotated")
			String unannotated() {
				return "plain";
			}

			@GetMapping("/tunable")
			@RateLimit(name = "tunable", rate = "1/1m")
			String tunable() {
				return "tunable";
			}

			@GetMapping("/switched-off")
			@RateLimit(name = "switched-off", rate = "1/1m")
			String switchedOff() {
				return "off";
			}

		}

		@RestController
		static class Items {

			@GetMapping("/items/{id}")
			@RateLimit(name = "item", rate = "2/1m")
			String item(@PathVariable String id) {
				return id;
			}

			@GetMapping("/items/special")
			String special() {
				return "special";
			}

			@GetMapping(path = "/items/export", produces = "text/csv")
			String export() {
				return "id,name";
			}

			@GetMapping(path = "/items/feed", produces = "application/atom+xml")
			@RateLimitExempt
			String feed() {
				return "<feed/>";
			}

			@GetMapping("/docs")
			@RateLimit(name = "docs", rate = "1/1m")
			String docs() {
				return "docs";
			}

			@RequestMapping(path = "/docs", method = RequestMethod.HEAD)
			ResponseEntity<Void> docsHead() {
				return ResponseEntity.ok().header("X-Handler", "head").build();
			}

			@GetMapping("/beta")
			@RateLimitExempt
			String beta() {
				return "beta";
			}

			@GetMapping(path = "/beta", params = "preview")
			@RateLimit(name = "preview", rate = "1/1m")
			String preview() {
				return "preview";
			}

		}

		@RestController
		@RequestMapping(produces = "application/json")
		static class Catalog {

			@GetMapping("/catalog/{id}")
			@RateLimit(name = "catalog", rate = "2/1m")
			String entry(@PathVariable String id) {
				return "\"" + id + "\"";
			}

			@GetMapping("/catalog/featured")
			String featured() {
				return "\"featured\"";
			}

		}

		@RestController
		static class AsyncAndFailing {

			@GetMapping("/async")
			@RateLimit(name = "async", rate = "2/1m")
			Callable<String> later() {
				return () -> "later";
			}

			@GetMapping("/failing")
			@RateLimit(name = "failing", rate = "2/1m")
			String failing() {
				throw new IllegalStateException("the handler failed");
			}

		}

	}

}
