package dev.tollgate.rule;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.http.server.PathContainer;

import static dev.tollgate.TestRules.route;
import static dev.tollgate.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

class RateLimitRulesTests {

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

	private List<RateLimitRule> applicable(String method, String path) {
		return this.rules.applicableTo(PathContainer.parsePath(path), method);
	}

}
