package dev.tollgate.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.tollgate.annotation.AnnotatedLimit;
import dev.tollgate.annotation.AnnotatedLimits;
import dev.tollgate.key.KeyResolvers;
import dev.tollgate.key.RateLimitKeyResolver;
import dev.tollgate.plan.PlanNames;
import dev.tollgate.plan.PlanResolvers;
import dev.tollgate.plan.RateLimitPlanResolver;
import dev.tollgate.rule.Exemption;
import dev.tollgate.rule.InvalidRateLimitException;
import dev.tollgate.rule.LimitMode;
import dev.tollgate.rule.PathPatternRoute;
import dev.tollgate.rule.Plan;
import dev.tollgate.rule.Rate;
import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.rule.RateLimitRules;
import dev.tollgate.rule.Refill;
import dev.tollgate.rule.RouteMatcher;

import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * Builds {@link RateLimitRules} from {@link TollgateProperties} and the annotations
 * on handler methods, checking every value and naming the property or annotation of
 * any that is invalid. Configuration wins over code: {@code tollgate.limits.<name>}
 * overrides the settings of the annotated limit of the same name.
 */
final class RateLimitRulesFactory {

	static final String DEFAULT_LIMIT_NAME = "default";

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private static final Set<String> HTTP_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
			"TRACE");

	private static final Pattern PLAN_NAME = Pattern.compile("[a-z0-9._-]{1,64}");

	private final KeyResolvers keyResolvers;

	private final PlanResolvers planResolvers;

	private final Clock clock;

	private final PathPatternParser parser;

	RateLimitRulesFactory(KeyResolvers keyResolvers, PlanResolvers planResolvers, Clock clock,
			PathPatternParser parser) {
		this.keyResolvers = keyResolvers;
		this.planResolvers = planResolvers;
		this.clock = clock;
		this.parser = parser;
	}

	RateLimitRules create(TollgateProperties properties, AnnotatedLimits annotated) {
		List<RateLimitRule> limits = new ArrayList<>();
		Map<String, AnnotatedLimit> annotatedByName = new LinkedHashMap<>();
		annotated.limits().forEach((limit) -> annotatedByName.put(limit.name(), limit));
		for (Map.Entry<String, TollgateProperties.Limit> entry : properties.getLimits().entrySet()) {
			String name = entry.getKey();
			String origin = "tollgate.limits." + name;
			checkName(name, origin, "token-exchange");
			TollgateProperties.Limit limit = entry.getValue();
			if (annotatedByName.containsKey(name)) {
				if (!limit.getPaths().isEmpty() || !limit.getMethods().isEmpty()) {
					throw new InvalidRateLimitException(origin + (limit.getPaths().isEmpty() ? ".methods" : ".paths"),
							limit.getPaths().isEmpty() ? limit.getMethods() : limit.getPaths(),
							"limit '" + name + "' is declared by " + annotatedByName.get(name).origin()
									+ "; its routes come from the handler mapping and cannot be changed here",
							origin + ".rate=100/1m");
				}
				continue;
			}
			if (isEnabled(limit)) {
				limits.add(fromProperties(name, limit, origin, true));
			}
		}
		for (AnnotatedLimit limit : annotated.limits()) {
			checkName(limit.name(), limit.origin(), "@RateLimit(name = \"orders\", rate = \"10/1m\")");
			TollgateProperties.Limit override = properties.getLimits().get(limit.name());
			if (override == null || isEnabled(override)) {
				limits.add(fromAnnotation(limit, override));
			}
		}
		TollgateProperties.Limit defaultProperties = properties.getDefaultLimit();
		RateLimitRule defaultLimit = (defaultProperties != null && isEnabled(defaultProperties))
				? fromProperties(DEFAULT_LIMIT_NAME, defaultProperties, "tollgate.default-limit", false) : null;
		List<Exemption> exemptions = new ArrayList<>();
		List<String> exempt = properties.getExempt();
		for (int i = 0; i < exempt.size(); i++) {
			exemptions.add(Exemption.fromAll(exemption(exempt.get(i), "tollgate.exempt[" + i + "]")));
		}
		exemptions.addAll(annotated.exemptions());
		return new RateLimitRules(limits, defaultLimit, exemptions);
	}

	private static boolean isEnabled(TollgateProperties.Limit limit) {
		return limit.getEnabled() == null || limit.getEnabled();
	}

	private static void checkName(String name, String origin, String example) {
		if (!NAME.matcher(name).matches() || name.equals(DEFAULT_LIMIT_NAME)) {
			throw new InvalidRateLimitException(origin, name,
					"a limit name is 1 to 64 letters, digits, '.', '_' or '-', and not 'default'", example);
		}
	}

	private RateLimitRule fromProperties(String name, TollgateProperties.Limit limit, String origin,
			boolean pathsRequired) {
		List<String> paths = limit.getPaths();
		if (paths.isEmpty() && pathsRequired) {
			throw new InvalidRateLimitException(origin + ".paths", "", "a limit needs at least one path pattern",
					"/v1/**");
		}
		List<PathPattern> patterns = paths.isEmpty() ? List.of(this.parser.parse("/**"))
				: patterns(paths, origin + ".paths");
		RouteMatcher route = new PathPatternRoute(patterns, methods(limit.getMethods(), origin + ".methods"));
		List<Rate> rates = propertyRates(limit, origin);
		if (rates.isEmpty()) {
			throw new InvalidRateLimitException(origin + ".rate", "", "a limit needs a rate or at least one bandwidth",
					Rate.EXAMPLE);
		}
		String key = (limit.getKey() != null) ? limit.getKey() : "ip";
		long cost = (limit.getCost() != null) ? limit.getCost() : 1;
		Refill refill = (limit.getRefill() != null) ? limit.getRefill() : Refill.INTERVAL;
		RateLimitRule.Builder rule = rule(name, route, rates, refill,
				(limit.getMode() != null) ? limit.getMode() : LimitMode.ENFORCE, key, origin + ".key", cost,
				origin + ".cost", origin);
		if (!limit.getPlans().isEmpty()) {
			Map<String, Plan> plans = propertyPlans(limit.getPlans(), refill, cost, origin);
			String resolver = (limit.getPlanResolver() != null) ? limit.getPlanResolver() : "";
			rule.plans(plans, resolver, planResolver(resolver, origin + ".plan-resolver"));
		}
		return rule.build();
	}

	private Map<String, Plan> propertyPlans(Map<String, TollgateProperties.PlanLimit> plans, Refill refill, long cost,
			String origin) {
		Map<String, Plan> result = new LinkedHashMap<>();
		for (Map.Entry<String, TollgateProperties.PlanLimit> entry : plans.entrySet()) {
			String planOrigin = origin + ".plans." + entry.getKey();
			String name = planName(entry.getKey(), planOrigin);
			TollgateProperties.PlanLimit plan = entry.getValue();
			if (plan.isUnlimited()) {
				result.put(name, Plan.unlimited(name));
				continue;
			}
			List<Rate> rates = propertyRates(plan, planOrigin);
			if (rates.isEmpty()) {
				throw new InvalidRateLimitException(planOrigin + ".rate", "",
						"a plan needs a rate, or unlimited: true", "6000/1m");
			}
			checkCost(rates, cost, planOrigin + ".rate");
			result.put(name, Plan.of(name, rates, refill, this.clock));
		}
		return result;
	}

	private static String planName(String name, String origin) {
		String normalized = PlanNames.canonical(name);
		if (!PLAN_NAME.matcher(normalized).matches() || normalized.equals(Plan.DEFAULT)) {
			throw new InvalidRateLimitException(origin, name,
					"a plan name is 1 to 64 letters, digits, '.', '_' or '-', and not 'default'", "paid");
		}
		return normalized;
	}

	private RateLimitPlanResolver planResolver(String spec, String origin) {
		try {
			return this.planResolvers.forSpec(spec);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRateLimitException(origin, spec, ex.getMessage(), PlanResolvers.EXAMPLES);
		}
	}

	private RateLimitRule fromAnnotation(AnnotatedLimit limit, TollgateProperties.Limit override) {
		String origin = limit.origin();
		String overrideOrigin = "tollgate.limits." + limit.name();
		List<Rate> rates = (override != null) ? propertyRates(override, overrideOrigin) : List.of();
		if (rates.isEmpty()) {
			rates = parseRates(limit.rates(), limit);
		}
		if (rates.isEmpty()) {
			throw new InvalidRateLimitException(limit.originOf("rate"), "", "a limit needs at least one rate",
					"@RateLimit(\"10/1m\")");
		}
		boolean keyOverridden = override != null && override.getKey() != null;
		boolean costOverridden = override != null && override.getCost() != null;
		Refill refill = (override != null && override.getRefill() != null) ? override.getRefill() : limit.refill();
		LimitMode mode = (override != null && override.getMode() != null) ? override.getMode() : limit.mode();
		long cost = costOverridden ? override.getCost() : limit.cost();
		RateLimitRule.Builder rule = rule(limit.name(), limit.route(), rates, refill, mode,
				keyOverridden ? override.getKey() : limit.key(),
				keyOverridden ? overrideOrigin + ".key" : limit.originOf("key"), cost,
				costOverridden ? overrideOrigin + ".cost" : limit.originOf("cost"),
				(override != null) ? origin + ", overridden by " + overrideOrigin : origin);
		Map<String, Plan> plans = (override != null && !override.getPlans().isEmpty())
				? propertyPlans(override.getPlans(), refill, cost, overrideOrigin) : annotationPlans(limit, refill, cost);
		if (!plans.isEmpty()) {
			boolean resolverOverridden = override != null && override.getPlanResolver() != null;
			String resolver = resolverOverridden ? override.getPlanResolver() : limit.planResolver();
			rule.plans(plans, resolver, planResolver(resolver,
					resolverOverridden ? overrideOrigin + ".plan-resolver" : limit.originOf("planResolver")));
		}
		return rule.build();
	}

	private Map<String, Plan> annotationPlans(AnnotatedLimit limit, Refill refill, long cost) {
		Map<String, Plan> result = new LinkedHashMap<>();
		for (Map.Entry<String, List<String>> entry : limit.plans().entrySet()) {
			String origin = limit.originOf("plans[" + entry.getKey() + "]");
			String name = planName(entry.getKey(), origin);
			if (entry.getValue().isEmpty()) {
				result.put(name, Plan.unlimited(name));
				continue;
			}
			List<Rate> rates = new ArrayList<>();
			for (int i = 0; i < entry.getValue().size(); i++) {
				rates.add(parseRate(entry.getValue().get(i), origin + ".rate[" + i + "]"));
			}
			checkCost(rates, cost, origin + ".rate");
			result.put(name, Plan.of(name, rates, refill, this.clock));
		}
		return result;
	}

	private static void checkCost(List<Rate> rates, long cost, String origin) {
		long smallest = rates.stream().mapToLong(Rate::tokens).min().orElse(0);
		if (smallest < cost) {
			throw new InvalidRateLimitException(origin, rates, "every capacity must be at least the cost (" + cost + ")",
					"6000/1m");
		}
	}

	private RateLimitRule.Builder rule(String name, RouteMatcher route, List<Rate> rates, Refill refill,
			LimitMode mode, String key, String keyOrigin, long cost, String costOrigin, String source) {
		long smallestCapacity = rates.stream().mapToLong(Rate::tokens).min().orElse(0);
		if (cost <= 0 || cost > smallestCapacity) {
			throw new InvalidRateLimitException(costOrigin, cost,
					"the cost must be at least 1 and at most the smallest capacity (" + smallestCapacity + ")", "1");
		}
		RateLimitKeyResolver keyResolver;
		try {
			keyResolver = this.keyResolvers.forKey(key);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRateLimitException(keyOrigin, key, ex.getMessage(), KeyResolvers.EXAMPLES);
		}
		return RateLimitRule.builder(name)
			.route(route)
			.rates(rates)
			.refill(refill)
			.cost(cost)
			.mode(mode)
			.key(key.trim(), keyResolver)
			.clock(this.clock)
			.source(source);
	}

	private List<Rate> propertyRates(TollgateProperties.Rates settings, String origin) {
		List<String> compactRates = settings.getRate();
		List<TollgateProperties.Bandwidth> bandwidths = settings.getBandwidths();
		List<Rate> rates = new ArrayList<>();
		for (int i = 0; i < compactRates.size(); i++) {
			rates.add(parseRate(compactRates.get(i), origin + ".rate[" + i + "]"));
		}
		for (int i = 0; i < bandwidths.size(); i++) {
			TollgateProperties.Bandwidth bandwidth = bandwidths.get(i);
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
		return rates;
	}

	private static List<Rate> parseRates(List<String> texts, AnnotatedLimit limit) {
		List<Rate> rates = new ArrayList<>();
		for (int i = 0; i < texts.size(); i++) {
			rates.add(parseRate(texts.get(i), limit.originOf("rate[" + i + "]")));
		}
		return rates;
	}

	private static Rate parseRate(String text, String origin) {
		try {
			return Rate.parse(text);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRateLimitException(origin, text, ex.getMessage(), Rate.EXAMPLE);
		}
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
			throw new InvalidRateLimitException(origin, trimmed,
					ex.getMessage() + " at position " + ex.getPosition(), "/v1/**");
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
			return new PathPatternRoute(List.of(pattern(trimmed, origin)), Set.of());
		}
		String method = method(trimmed.substring(0, space), origin);
		return new PathPatternRoute(List.of(pattern(trimmed.substring(space + 1).trim(), origin)), Set.of(method));
	}

}
