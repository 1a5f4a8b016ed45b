package dev.tollgate.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.tollgate.key.KeyResolvers;
import dev.tollgate.key.RateLimitKeyResolver;
import dev.tollgate.rule.InvalidRateLimitException;
import dev.tollgate.rule.Rate;
import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.rule.RateLimitRules;
import dev.tollgate.rule.RouteMatcher;

import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * Builds {@link RateLimitRules} from {@link TollgateProperties}, checking every value
 * and naming the property of any that is invalid.
 */
final class RateLimitRulesFactory {

	static final String DEFAULT_LIMIT_NAME = "default";

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private static final Set<String> HTTP_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
			"TRACE");

	private final PathPatternParser parser = PathPatternParser.defaultInstance;

	private final KeyResolvers keyResolvers;

	RateLimitRulesFactory(KeyResolvers keyResolvers) {
		this.keyResolvers = keyResolvers;
	}

	RateLimitRules create(TollgateProperties properties) {
		List<RateLimitRule> limits = new ArrayList<>();
		for (Map.Entry<String, TollgateProperties.Limit> entry : properties.getLimits().entrySet()) {
			String name = entry.getKey();
			String origin = "tollgate.limits." + name;
			if (!NAME.matcher(name).matches() || name.equals(DEFAULT_LIMIT_NAME)) {
				throw new InvalidRateLimitException(origin, name,
						"a limit name is 1 to 64 letters, digits, '.', '_' or '-', and not 'default'", "token-exchange");
			}
			if (entry.getValue().isEnabled()) {
				limits.add(createRule(name, entry.getValue(), origin, true));
			}
		}
		TollgateProperties.Limit defaultProperties = properties.getDefaultLimit();
		RateLimitRule defaultLimit = (defaultProperties != null && defaultProperties.isEnabled())
				? createRule(DEFAULT_LIMIT_NAME, defaultProperties, "tollgate.default-limit", false) : null;
		List<RouteMatcher> exemptions = new ArrayList<>();
		List<String> exempt = properties.getExempt();
		for (int i = 0; i < exempt.size(); i++) {
			exemptions.add(exemption(exempt.get(i), "tollgate.exempt[" + i + "]"));
		}
		return new RateLimitRules(limits, defaultLimit, exemptions);
	}

	private RateLimitRule createRule(String name, TollgateProperties.Limit limit, String origin,
			boolean pathsRequired) {
		List<String> paths = limit.getPaths();
		if (paths.isEmpty() && pathsRequired) {
			throw new InvalidRateLimitException(origin + ".paths", "", "a limit needs at least one path pattern",
					"/v1/**");
		}
		List<PathPattern> patterns = paths.isEmpty() ? List.of(this.parser.parse("/**"))
				: patterns(paths, origin + ".paths");
		RouteMatcher route = new RouteMatcher(patterns, methods(limit.getMethods(), origin + ".methods"));
		List<Rate> rates = rates(limit, origin);
		long cost = limit.getCost();
		long smallestCapacity = rates.stream().mapToLong(Rate::tokens).min().orElse(0);
		if (cost <= 0 || cost > smallestCapacity) {
			throw new InvalidRateLimitException(origin + ".cost", cost,
					"the cost must be at least 1 and at most the smallest capacity (" + smallestCapacity + ")", "1");
		}
		RateLimitKeyResolver keyResolver;
		try {
			keyResolver = this.keyResolvers.forKey(limit.getKey());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRateLimitException(origin + ".key", limit.getKey(), ex.getMessage(),
					KeyResolvers.EXAMPLES);
		}
		return RateLimitRule.builder(name)
			.route(route)
			.rates(rates)
			.refill(limit.getRefill())
			.cost(cost)
			.mode(limit.getMode())
			.key(limit.getKey().trim(), keyResolver)
			.source(origin)
			.build();
	}

	private List<Rate> rates(TollgateProperties.Limit limit, String origin) {
		List<Rate> rates = new ArrayList<>();
		for (int i = 0; i < limit.getRate().size(); i++) {
			String text = limit.getRate().get(i);
			try {
				rates.add(Rate.parse(text));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidRateLimitException(origin + ".rate[" + i + "]", text, ex.getMessage(), Rate.EXAMPLE);
			}
		}
		for (int i = 0; i < limit.getBandwidths().size(); i++) {
			TollgateProperties.Bandwidth bandwidth = limit.getBandwidths().get(i);
			String prefix = origin + ".bandwidths[" + i + "]";
			if (bandwidth.getCapacity() <= 0) {
				throw new InvalidRateLimitException(prefix + ".capacity", bandwidth.getCapacity(),
						"the capacity must be positive", "100");
			}
			Duration period = bandwidth.getPeriod();
			if (period == null || period.isZero() || period.isNegative()) {
				throw new InvalidRateLimitException(prefix + ".period", period, "the period must be positive", "1m");
			}
			rates.add(new Rate(bandwidth.getCapacity(), period));
		}
		if (rates.isEmpty()) {
			throw new InvalidRateLimitException(origin + ".rate", "",
					"a limit needs a rate or at least one bandwidth", Rate.EXAMPLE);
		}
		return rates;
	}

	private List<PathPattern> patterns(List<String> paths, String origin) {
		List<PathPattern> patterns = new ArrayList<>();
		for (int i = 0; i < paths.size(); i++) {
			patterns.add(pattern(paths.get(i), origin + "[" + i + "]"));
		}
		return patterns;
	}

	private PathPattern pattern(String path, String origin) {
		String trimmed = (path != null) ? path.trim() : "";
		if (!trimmed.startsWith("/")) {
			throw new InvalidRateLimitException(origin, trimmed, "a path pattern starts with '/'", "/v1/**");
		}
		try {
			return this.parser.parse(trimmed);
		}
		catch (PatternParseException ex) {
			throw new InvalidRateLimitException(origin, trimmed, ex.getMessage() + " at position " + ex.getPosition(), "/v1/**");
		}
	}

	private Set<String> methods(List<String> methods, String origin) {
		Set<String> result = new LinkedHashSet<>();
		for (int i = 0; i < methods.size(); i++) {
			result.add(method(methods.get(i), origin + "[" + i + "]"));
		}
		return result;
	}

	private String method(String method, String origin) {
		String upper = (method != null) ? method.trim().toUpperCase(Locale.ROOT) : "";
		if (!HTTP_METHODS.contains(upper)) {
			throw new InvalidRateLimitException(origin, method, "not an HTTP method; use one of " + HTTP_METHODS,
					"POST");
		}
		return upper;
	}

	private RouteMatcher exemption(String entry, String origin) {
		String trimmed = (entry != null) ? entry.trim() : "";
		int space = trimmed.indexOf(' ');
		if (space < 0) {
			return new RouteMatcher(List.of(pattern(trimmed, origin)), Set.of());
		}
		String method = method(trimmed.substring(0, space), origin);
		return new RouteMatcher(List.of(pattern(trimmed.substring(space + 1), origin)), Set.of(method));
	}

}
