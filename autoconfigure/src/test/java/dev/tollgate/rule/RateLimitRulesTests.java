package dev.tollgate.rule;

import java.util.List;
import java.util.Set;

import dev.tollgate.rule.HandlerRoute.Rivals;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.http.server.PathContainer;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import static dev.tollgate.TestRules.route;
import static dev.tollgate.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

class RateLimitRulesTests {

	private static final Rivals NO_RIVALS = new Rivals(List.of(), List.of());

	private final RateLimitRule all = rule("all", "200/1m", "/v1/**");

	private final RateLimitRule exchange = RateLimitRule.builder("exchange")
		.route(route(Set.of("POST"), "/v1/auth/exchange"))
		.rates(List.of(Rate.parse("10/1m")))
		.key("ip", (request) -> "k")
		.build();

	private final RateLimitRule fallback = rule("default", "100/1m", "/**");

	private final RateLimitRules rules = new RateLimitRules(List.of(this.all, this.exchange), this.fallback,
			List.of(Exemption.fromAll(route(Set.of("GET"), "/v1/public/**"))));

	@Test
	void everyMatchingLimitApplies() {
		assertThat(applicable("POST", "/v1/auth/exchange")).containsExactly(this.all, this.exchange);
		assertThat(applicable("GET", "/v1/auth/exchange")).containsExactly(this.all);
	}

	@Test
	void defaultAppliesOnlyWhenNoNamedLimitMatches() {
		assertThat(applicable("GET", "/health")).containsExactly(this.fallback);
		assertThat(applicable("GET", "/v1/secrets")).containsExactly(this.all);
	}

	@Test
	void exemptRoutesGetNoLimitNotEvenTheDefault() {
		assertThat(applicable("GET", "/v1/public/keys")).isEmpty();
		assertThat(applicable("POST", "/v1/public/keys")).containsExactly(this.all);
	}

	@Test
	void getAlsoCoversHead() {
		RateLimitRule getOnly = RateLimitRule.builder("get")
			.route(route(Set.of("GET"), "/items"))
			.rates(List.of(Rate.parse("1/1m")))
			.key("ip", (request) -> "k")
			.build();
		RateLimitRules rules = new RateLimitRules(List.of(getOnly), null, List.of());
		assertThat(rules.applicableTo(PathContainer.parsePath("/items"), "HEAD")).containsExactly(getOnly);
		assertThat(rules.applicableTo(PathContainer.parsePath("/items"), "OPTIONS")).isEmpty();
	}

	@Test
	void matchesDecodedSegmentsAndIgnoresMatrixParameters() {
		assertThat(applicable("POST", "/v1/auth/%65xchange")).contains(this.exchange);
		assertThat(applicable("POST", "/v1/auth/exchange;jsessionid=abc")).contains(this.exchange);
		assertThat(applicable("POST", "/v1/auth;x=1/exchange")).contains(this.exchange);
	}

	@Nested
	class WhereTheHandlerDecides {

		private final HandlerMethod csv = handler("csv");

		private final HandlerMethod json = handler("json");

		private final RateLimitRule csvLimit = RateLimitRule.builder("csv")
			.route(handlerRoute(pattern("/report"), Set.of("GET"), this.csv, true,
					new Rivals(List.of(), List.of(route(Set.of("GET"), "/report")))))
			.rates(List.of(Rate.parse("5/1h")))
			.key("ip", (request) -> "k")
			.build();

		private final Exemption jsonExempt = Exemption.fromAll(handlerRoute(pattern("/report"), Set.of("GET"), this.json,
				true, new Rivals(List.of(), List.of(route(Set.of("GET"), "/report")))));

		private final RateLimitRules rules = new RateLimitRules(List.of(RateLimitRulesTests.this.all, this.csvLimit),
				RateLimitRulesTests.this.fallback, List.of(this.jsonExempt));

		@Test
		void theLimitsAreThoseOfTheHandlerChosen() {
			ApplicableLimits report = this.rules.applicable(PathContainer.parsePath("/report"), "GET");
			assertThat(report.dependsOnHandler()).isTrue();
			assertThat(report.forHandler(this.csv)).containsExactly(this.csvLimit);
			assertThat(report.forHandler(this.json)).as("exempt, from the default limit too").isEmpty();
			assertThat(report.forHandler(handler("other"))).containsExactly(RateLimitRulesTests.this.fallback);
			assertThat(report.forHandler(new Object())).as("a handler of another kind, a function say")
				.containsExactly(RateLimitRulesTests.this.fallback);
		}

		@Test
		void whereTheHandlerIsNotKnownLimitsApplyAndExemptionsDoNot() {
			ApplicableLimits report = this.rules.applicable(PathContainer.parsePath("/report"), "GET");
			assertThat(report.forHandler(null)).containsExactly(this.csvLimit);
			assertThat(this.rules.applicableTo(PathContainer.parsePath("/report"), "GET")).containsExactly(this.csvLimit);
		}

		@Test
		void elsewhereTheHandlerIsNotAskedFor() {
			ApplicableLimits v1 = this.rules.applicable(PathContainer.parsePath("/v1/report"), "GET");
			assertThat(v1.dependsOnHandler()).isFalse();
			assertThat(v1.forHandler(this.json)).containsExactly(RateLimitRulesTests.this.all);
			assertThat(this.rules.applicable(PathContainer.parsePath("/report"), "POST").forHandler(null))
				.containsExactly(RateLimitRulesTests.this.fallback);
		}

		@Test
		void limitsAddedApplyWhicheverHandlerIsChosen() {
			ApplicableLimits report = this.rules.applicable(PathContainer.parsePath("/report"), "GET")
				.with(List.of(RateLimitRulesTests.this.all, this.csvLimit));
			assertThat(report.forHandler(this.json)).containsExactly(RateLimitRulesTests.this.all, this.csvLimit);
			assertThat(report.forHandler(this.csv)).containsExactly(this.csvLimit, RateLimitRulesTests.this.all);
		}

		@Test
		void whereAHandlerOfAnotherKindMayTakeTheRequestFirstAnAnnotatedExemptionAsks() {
			Exemption jsonEverywhere = Exemption.fromAll(handlerRoute(pattern("/**"), Set.of(), this.json, true,
					NO_RIVALS));
			RateLimitRules rules = new RateLimitRules(List.of(RateLimitRulesTests.this.all), null,
					List.of(jsonEverywhere));
			PathContainer path = PathContainer.parsePath("/v1/status");
			assertThat(rules.applicable(path, "GET", () -> false).forHandler(null)).as("exempt by path").isEmpty();
			ApplicableLimits asked = rules.applicable(path, "GET", () -> true);
			assertThat(asked.dependsOnHandler()).isTrue();
			assertThat(asked.forHandler(this.json)).isEmpty();
			assertThat(asked.forHandler(new Object())).as("a functional endpoint, say")
				.containsExactly(RateLimitRulesTests.this.all);
			RateLimitRules configured = new RateLimitRules(List.of(RateLimitRulesTests.this.all), null,
					List.of(Exemption.fromAll(route(Set.of(), "/v1/status"))));
			assertThat(configured.applicable(path, "GET", () -> {
				throw new AssertionError("not asked where no annotated exemption matches");
			}).forHandler(new Object()))
				.as("a configured exemption is by path, whoever the handler").isEmpty();
		}

		@Test
		void whereAHandlerOfAnotherKindMayTakeTheRequestFirstAnAnnotatedLimitAsks() {
			RateLimitRule items = RateLimitRule.builder("items")
				.route(handlerRoute(pattern("/items/{id}"), Set.of("GET"), this.csv, true, NO_RIVALS))
				.rates(List.of(Rate.parse("5/1h")))
				.key("ip", (request) -> "k")
				.build();
			RateLimitRules rules = new RateLimitRules(List.of(items), RateLimitRulesTests.this.fallback, List.of());
			PathContainer path = PathContainer.parsePath("/items/special");
			assertThat(rules.applicable(path, "GET", () -> false).forHandler(null)).as("by path")
				.containsExactly(items);
			ApplicableLimits asked = rules.applicable(path, "GET", () -> true);
			assertThat(asked.dependsOnHandler()).isTrue();
			assertThat(asked.forHandler(this.csv)).containsExactly(items);
			assertThat(asked.forHandler(new Object())).as("a functional endpoint, say")
				.containsExactly(RateLimitRulesTests.this.fallback);
			assertThat(asked.forHandler(null)).as("no handler known").containsExactly(items);
			assertThat(rules.applicable(PathContainer.parsePath("/other"), "GET", () -> {
				throw new AssertionError("not asked where no annotated limit matches");
			}).forHandler(null)).containsExactly(RateLimitRulesTests.this.fallback);
		}

		@Test
		void aPatternThatStandsForAWiderOneAlwaysAsks() {
			HandlerRoute widened = handlerRoute(pattern("/files/**"), Set.of(), this.csv, false, NO_RIVALS);
			assertThat(widened.match(PathContainer.parsePath("/files/a/meta"), "GET").dependsOnHandler()).isTrue();
			assertThat(widened.match(PathContainer.parsePath("/docs"), "GET")).isSameAs(RouteMatch.NONE);
		}

		private static PathPattern pattern(String pattern) {
			return PathPatternParser.defaultInstance.parse(pattern);
		}

		/** A handler's route whose rivals are the same for every method. */
		private static HandlerRoute handlerRoute(PathPattern pattern, Set<String> methods, HandlerMethod handler,
				boolean exact, Rivals rivals) {
			return new HandlerRoute(pattern, methods, handler, exact, rivals, rivals, rivals);
		}

		private static HandlerMethod handler(String name) {
			return new HandlerMethod(new Handlers(), ReflectionUtils.findMethod(Handlers.class, name));
		}

	}

	static class Handlers {

		String csv() {
			return "a,b";
		}

		String json() {
			return "{}";
		}

		String other() {
			return "";
		}

	}

	private List<RateLimitRule> applicable(String method, String path) {
		return this.rules.applicableTo(PathContainer.parsePath(path), method);
	}

}
