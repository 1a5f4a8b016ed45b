package dev.tollgate.annotation;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.tollgate.rule.Exemption;
import dev.tollgate.rule.HandlerRoute;
import dev.tollgate.rule.InvalidRateLimitException;
import dev.tollgate.rule.LimitMode;
import dev.tollgate.rule.PathPatternRoute;
import dev.tollgate.rule.Refill;
import dev.tollgate.rule.RouteMatcher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * Reads {@link RateLimit @RateLimit} and {@link RateLimitExempt @RateLimitExempt} from
 * handler methods and their classes, directly or as meta-annotations, once at
 * start-up, and turns each into routes built from the handler's own request mapping.
 */
public final class HandlerMethodAnnotationsReader {

	private static final Log logger = LogFactory.getLog(HandlerMethodAnnotationsReader.class);

	/**
	 * Read the annotations of every handler method.
	 * @param handlerMethods the handler methods by mapping, as Spring MVC registered
	 * them
	 * @return the declared limits and exemptions
	 * @throws InvalidRateLimitException if two annotations give one name different
	 * definitions
	 */
	public AnnotatedLimits read(Map<RequestMappingInfo, HandlerMethod> handlerMethods) {
		Map<RequestMappingInfo, List<Mapping>> mappingsByInfo = new LinkedHashMap<>();
		handlerMethods.forEach((info, handler) -> mappingsByInfo.put(info, Mapping.of(info, handler)));
		List<Mapping> mappings = mappingsByInfo.values().stream().flatMap(List::stream).toList();
		Map<String, List<AnnotatedLimit>> limitsByName = new LinkedHashMap<>();
		List<Exemption> exemptions = new ArrayList<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : handlerMethods.entrySet()) {
			HandlerMethod handler = entry.getValue();
			List<Mapping> own = mappingsByInfo.get(entry.getKey());
			RouteMatcher route = route(own, mappings);
			RouteMatcher exemptRoute = exemptRoute(own, mappings);
			String methodName = handler.getBeanType().getSimpleName() + "." + handler.getMethod().getName();
			String methodOrigin = handler.getBeanType().getName() + "#" + handler.getMethod().getName();
			boolean limits = collectLimits(handler.getBeanType(), handler.getBeanType().getSimpleName(),
					handler.getBeanType().getName(), route, limitsByName)
					| collectLimits(handler.getMethod(), methodName, methodOrigin, route, limitsByName);
			boolean exempt = collectExemptions(handler.getBeanType(), exemptRoute, exemptions)
					| collectExemptions(handler.getMethod(), exemptRoute, exemptions);
			if (limits || exempt) {
				warnWhereRoutedApproximately(own, methodOrigin, limits, exempt, mappings);
			}
		}
		List<AnnotatedLimit> limits = limitsByName.values().stream().map(this::merge).toList();
		return new AnnotatedLimits(limits, exemptions);
	}

	/**
	 * Warns where a handler's limits or exemption can only be routed approximately: a
	 * pattern with {@code **} inside, or another handler mapped to the same path and
	 * method, which Spring MVC tells apart by conditions Tollgate does not route by (this
	 * handler's limits count its requests too, and this handler's exemption does not
	 * reach its own).
	 */
	private static void warnWhereRoutedApproximately(List<Mapping> own, String origin, boolean limits, boolean exempt,
			List<Mapping> mappings) {
		for (Mapping self : own) {
			String pattern = self.pattern().getPatternString();
			if (!self.exact()) {
				warnOfWidenedPattern(origin, pattern, limits, exempt);
			}
			List<String> others = mappings.stream()
				.filter((other) -> !other.handler().equals(self.handler())
						&& !other.conditions().equals(self.conditions())
						&& other.pattern().getPatternString().equals(pattern) && other.sharesMethodsWith(self))
				.map((other) -> other.handler().getBeanType().getName() + "#" + other.handler().getMethod().getName())
				.distinct()
				.toList();
			String why = ": Tollgate routes by path and method, and Spring MVC tells these handlers apart by params, "
					+ "headers, consumes, produces or version. Map them to paths of their own to limit them apart";
			for (String other : others) {
				if (limits) {
					logger.warn("The rate limits of " + origin + " also count the requests " + other + " serves on "
							+ pattern + why);
				}
				if (exempt) {
					logger.warn("The exemption of " + origin + " does not reach its requests on " + pattern
							+ ", which " + other + " may serve" + why);
				}
			}
		}
	}

	private static void warnOfWidenedPattern(String origin, String wider, boolean limits, boolean exempt) {
		String what = (limits ? "its rate limits cover all of " + wider : "")
				+ ((limits && exempt) ? ", and " : "") + (exempt ? "its exemption does not apply there" : "");
		logger.warn("The mapping of " + origin + " has '**' inside a pattern, which only an AntPathMatcher reads: "
				+ what + ". Put '**' at the end of the pattern to have them match it exactly");
	}

	/** Collects the limits an element declares; whether it declares any. */
	private boolean collectLimits(AnnotatedElement element, String defaultName, String origin, RouteMatcher route,
			Map<String, List<AnnotatedLimit>> limitsByName) {
		List<MergedAnnotation<RateLimit>> annotations = MergedAnnotations.from(element, SearchStrategy.TYPE_HIERARCHY)
			.stream(RateLimit.class)
			.toList();
		for (int i = 0; i < annotations.size(); i++) {
			MergedAnnotation<RateLimit> annotation = annotations.get(i);
			String explicitName = annotation.getString("name");
			String name = !explicitName.isEmpty() ? explicitName
					: (annotations.size() == 1 || i == 0) ? defaultName : defaultName + "-" + (i + 1);
			Map<String, List<String>> plans = new LinkedHashMap<>();
			for (MergedAnnotation<RateLimitPlan> plan : annotation.getAnnotationArray("plans", RateLimitPlan.class)) {
				plans.put(plan.getString("name"),
						plan.getBoolean("unlimited") ? List.of() : Arrays.asList(plan.getStringArray("rate")));
			}
			AnnotatedLimit limit = new AnnotatedLimit(name, Arrays.asList(annotation.getStringArray("rate")),
					annotation.getString("key"), annotation.getLong("cost"), annotation.getEnum("refill", Refill.class),
					annotation.getEnum("mode", LimitMode.class), plans, annotation.getString("planResolver"), origin,
					route);
			limitsByName.computeIfAbsent(name, (key) -> new ArrayList<>()).add(limit);
		}
		return !annotations.isEmpty();
	}

	/** Collects the exemptions an element declares; whether it declares any. */
	private boolean collectExemptions(AnnotatedElement element, RouteMatcher route, List<Exemption> exemptions) {
		List<Exemption> declared = MergedAnnotations.from(element, SearchStrategy.TYPE_HIERARCHY)
			.stream(RateLimitExempt.class)
			.map((exempt) -> new Exemption(route, Set.of(exempt.getStringArray("limits"))))
			.toList();
		exemptions.addAll(declared);
		return !declared.isEmpty();
	}

	/** One name on several handler methods (or a class) is one limit over all their routes. */
	private AnnotatedLimit merge(List<AnnotatedLimit> declarations) {
		AnnotatedLimit first = declarations.get(0);
		for (AnnotatedLimit other : declarations) {
			if (!other.sameDefinitionAs(first)) {
				throw new InvalidRateLimitException(other.origin(), other.rates(),
						"it has the same name as " + first.origin() + " but a different definition; give one of them"
								+ " another name",
						"@RateLimit(name = \"orders-write\", rate = \"10/1m\")");
			}
		}
		List<RouteMatcher> routes = declarations.stream().map(AnnotatedLimit::route).distinct().toList();
		return new AnnotatedLimit(first.name(), first.rates(), first.key(), first.cost(), first.refill(), first.mode(),
				first.plans(), first.planResolver(), first.declaredOn(), RouteMatcher.anyOf(routes));
	}

	/**
	 * The route a handler's limits cover: its mapping's paths and methods, less those
	 * where Spring MVC surely prefers another handler. A mapping with conditions beyond
	 * its path and methods (params, headers, consumes, produces, a version) that this
	 * handler's mapping does not have too is not sure to take a request its path matches,
	 * so it takes nothing from the route: a request it refuses may go to this handler,
	 * which must not be left unlimited. The limit then covers some requests that other
	 * handler serves.
	 */
	private static RouteMatcher route(List<Mapping> own, List<Mapping> mappings) {
		return routeExcluding(own, true, (self) -> mappings.stream()
			.filter((other) -> !other.handler().equals(self.handler()) && other.exact()
					&& other.takesEveryRequestWith(self.conditions())
					&& other.isPreferredOver(self.pattern(), self.methods())));
	}

	/**
	 * The route a handler's exemptions cover: only requests no other handler may take.
	 * Left out are the paths another handler at least as specific also maps, and, when
	 * this handler's mapping has conditions another's has not, which may refuse a request
	 * the other takes, every path that other handler maps. So an exemption never reaches a
	 * limited handler.
	 */
	private static RouteMatcher exemptRoute(List<Mapping> own, List<Mapping> mappings) {
		return routeExcluding(own, false, (self) -> mappings.stream()
			.filter((other) -> !other.handler().equals(self.handler())
					&& ((!self.conditions().isEmpty() && !other.conditions().equals(self.conditions()))
							|| PathPattern.SPECIFICITY_COMPARATOR.compare(other.pattern(), self.pattern()) <= 0)));
	}

	/**
	 * A route over a mapping's patterns, each less where the mappings excluded from it
	 * match. A pattern that stands for a wider one (see {@link #patterns}) may carry
	 * limits, which then cover more, but no exemption, which would too.
	 */
	private static RouteMatcher routeExcluding(List<Mapping> own, boolean widenedToo,
			Function<Mapping, Stream<Mapping>> excluded) {
		List<RouteMatcher> routes = new ArrayList<>();
		for (Mapping self : own) {
			if (self.exact() || widenedToo) {
				routes.add(new HandlerRoute(self.pattern(), self.methods(),
						excluded.apply(self).map(Mapping::route).toList()));
			}
		}
		return RouteMatcher.anyOf(routes);
	}

	/**
	 * The mapping's patterns as path patterns. With an {@code AntPathMatcher}
	 * ({@code spring.mvc.pathmatch.matching-strategy=ant-path-matcher}) a pattern may have
	 * {@code **} inside it, which no path pattern matches the same paths as; it stands
	 * for the pattern up to there followed by {@code /**}, which matches more.
	 */
	private static List<MappedPattern> patterns(RequestMappingInfo info) {
		PathPatternsRequestCondition condition = info.getPathPatternsCondition();
		if (condition != null) {
			return condition.getPatterns().stream().map((pattern) -> new MappedPattern(pattern, true)).toList();
		}
		return info.getPatternValues().stream().map(HandlerMethodAnnotationsReader::parseAntPattern).toList();
	}

	private static MappedPattern parseAntPattern(String antPattern) {
		try {
			return new MappedPattern(PathPatternParser.defaultInstance.parse(antPattern), true);
		}
		catch (PatternParseException ex) {
			int inner = antPattern.indexOf("/**/");
			String wider = (inner >= 0) ? antPattern.substring(0, inner) + "/**" : "/**";
			try {
				return new MappedPattern(PathPatternParser.defaultInstance.parse(wider), false);
			}
			catch (PatternParseException stillInvalid) {
				return new MappedPattern(PathPatternParser.defaultInstance.parse("/**"), false);
			}
		}
	}

	/** A pattern of a mapping, or, if not {@code exact}, a wider one that stands for it. */
	private record MappedPattern(PathPattern pattern, boolean exact) {
	}

	private static Set<String> methodsOf(RequestMappingInfo info) {
		return info.getMethodsCondition().getMethods().stream().map(Enum::name).collect(Collectors.toSet());
	}

	/**
	 * One pattern of one handler method's mapping, and the mapping's conditions beyond its
	 * path and methods.
	 */
	private record Mapping(HandlerMethod handler, PathPattern pattern, boolean exact, Set<String> methods,
			List<Object> conditions) {

		static List<Mapping> of(RequestMappingInfo info, HandlerMethod handler) {
			Set<String> methods = methodsOf(info);
			List<Object> conditions = conditionsOf(info);
			return patterns(info).stream()
				.map((mapped) -> new Mapping(handler, mapped.pattern(), mapped.exact(), methods, conditions))
				.toList();
		}

		/**
		 * The conditions a request that matches a mapping's path and methods must meet
		 * too, none for most mappings: two mappings with equal conditions take the same
		 * requests on a path both match.
		 */
		static List<Object> conditionsOf(RequestMappingInfo info) {
			List<Object> conditions = new ArrayList<>();
			Stream.of(info.getParamsCondition(), info.getHeadersCondition(), info.getConsumesCondition(),
					info.getProducesCondition(), info.getVersionCondition())
				.filter((condition) -> !condition.isEmpty())
				.forEach(conditions::add);
			if (info.getCustomCondition() != null) {
				conditions.add(info.getCustomCondition());
			}
			return List.copyOf(conditions);
		}

		/**
		 * Whether this mapping takes every request on its path and methods that a mapping
		 * with the given conditions would: it has no conditions, or the same.
		 */
		boolean takesEveryRequestWith(List<Object> otherConditions) {
			return this.conditions.isEmpty() || this.conditions.equals(otherConditions);
		}

		/** Whether a request of one method may match both mappings. */
		boolean sharesMethodsWith(Mapping other) {
			return this.methods.isEmpty() || other.methods.isEmpty()
					|| this.methods.stream().anyMatch(other.methods::contains);
		}

		/**
		 * Whether Spring MVC chooses this mapping over another where both match: a
		 * more specific pattern, or the same pattern with explicit methods against
		 * none.
		 */
		boolean isPreferredOver(PathPattern otherPattern, Set<String> otherMethods) {
			int specificity = PathPattern.SPECIFICITY_COMPARATOR.compare(this.pattern, otherPattern);
			if (specificity < 0) {
				return true;
			}
			return this.pattern.getPatternString().equals(otherPattern.getPatternString()) && otherMethods.isEmpty()
					&& !this.methods.isEmpty();
		}

		PathPatternRoute route() {
			return new PathPatternRoute(List.of(this.pattern), this.methods);
		}

	}

}
