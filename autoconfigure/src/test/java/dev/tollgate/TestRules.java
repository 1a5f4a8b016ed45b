package dev.tollgate;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import dev.tollgate.rule.LimitMode;
import dev.tollgate.rule.Rate;
import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.rule.Refill;
import dev.tollgate.rule.PathPatternRoute;

import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Builds rules for tests, keyed by the {@code X-Key} header in clear.
 */
public final class TestRules {

	private TestRules() {
	}

	public static RateLimitRule rule(String name, String rates, String... paths) {
		return builder(name, rates, paths).build();
	}

	public static RateLimitRule.Builder builder(String name, String rates, String... paths) {
		List<Rate> parsed = Arrays.stream(rates.split(",")).map(Rate::parse).toList();
		return RateLimitRule.builder(name)
			.route(route(Set.of(), paths))
			.rates(parsed)
			.refill(Refill.INTERVAL)
			.mode(LimitMode.ENFORCE)
			.key("header:X-Key", (request) -> request.getHeader("X-Key"));
	}

	public static PathPatternRoute route(Set<String> methods, String... paths) {
		return new PathPatternRoute(Arrays.stream(paths).map(PathPatternParser.defaultInstance::parse).toList(), methods);
	}

}
