package dev.tollgate.annotation;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.tollgate.rule.AntPatterns;
import dev.tollgate.rule.Exemption;
import dev.tollgate.rule.HandlerRoute;
import dev.tollgate.rule.InvalidRateLimitException;
import dev.tollgate.rule.LimitMode;
import dev.tollgate.rule.PathPatternRoute;
import dev.tollgate.rule.Refill;
import dev.tollgate.rule.RouteMatcher;
import org.jspecify.annotations.Nullable;

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

	private final PathPatternParser antPatternParser;

	private final boolean antPathMatcher;

	/**
	 * Create a reader for handler mappings that match with path patterns.
	 */
	public HandlerMethodAnnotationsReader() {
		this(PathPatternParser.defaultInstance);
	}

	/**
	 * Create a reader.
	 * @param antPatternParser the parser of the patterns of mappings that match with an
	 * {@code AntPathMatcher}, as that matcher would: in any case, say, if it does
	 */
	public HandlerMethodAnnotationsReader(PathPatternParser antPatternParser) {
		this(antPatternParser, true);
	}

	/**
	 * Create a reader.
	 * @param antPatternParser the parser of the patterns of mappings that match with an
	 * {@code AntPathMatcher}, as that matcher would: in any case, say, if it does
	 * @param antPathMatcher whether mappings that do not match with path patterns match
	 * with an {@code AntPathMatcher}; if not, with a {@code PathMatcher} of the
	 * application's own, which Tollgate cannot read, each such mapping is taken to match
	 * every path, and a request is on its route only if Spring MVC hands it to its
	 * handler
	 */
	public HandlerMethodAnnotationsReader(PathPatternParser antPatternParser, boolean antPathMatcher) {
		this.antPatternParser = antPatternParser;
		this.antPathMatcher = antPathMatcher;
	}

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
		boolean antAnyCase = !this.antPatternParser.isCaseSensitive();
		handlerMethods.forEach((info, handler) -> mappingsByInfo.put(info,
				Mapping.of(info, handler, patterns(info), antAnyCase)));
		List<Mapping> mappings = mappingsByInfo.values().stream().flatMap(List::stream).toList();
		Map<String, List<AnnotatedLimit>> limitsByName = new LinkedHashMap<>();
		List<Exemption> exemptions = new ArrayList<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : handlerMethods.entrySet()) {
			HandlerMethod handler = entry.getValue();
			if (!declaresLimitsOrExemptions(handler.getBeanType()) && !declaresLimitsOrExemptions(handler.getMethod())) {
				continue;
			}
			RouteMatcher route = route(mappingsByInfo.get(entry.getKey()), mappings);
			String methodName = handler.getBeanType().getSimpleName() + "." + handler.getMethod().getName();
			String methodOrigin = handler.getBeanType().getName() + "#" + handler.getMethod().getName();
			collectLimits(handler.getBeanType(), handler.getBeanType().getSimpleName(), handler.getBeanType().getName(),
					route, limitsByName);
			collectLimits(handler.getMethod(), methodName, methodOrigin, route, limitsByName);
			collectExemptions(handler.getBeanType(), route, exemptions);
			collectExemptions(handler.getMethod(), route, exemptions);
		}
		List<AnnotatedLimit> limits = limitsByName.values().stream().map(this::merge).toList();
		return new AnnotatedLimits(limits, exemptions);
	}

	/**
	 * Whether an element declares limits or exemptions, so that the routes of its
	 * handlers, which take a look at every other handler, are worked out only for those.
	 */
	private static boolean declaresLimitsOrExemptions(AnnotatedElement element) {
		MergedAnnotations annotations = MergedAnnotations.from(element, SearchStrategy.TYPE_HIERARCHY);
		return annotations.stream(RateLimit.class).findAny().isPresent()
				|| annotations.stream(RateLimitExempt.class).findAny().isPresent();
	}

	/** Collects the limits an element declares. */
	private void collectLimits(AnnotatedElement element, String defaultName, String origin, RouteMatcher route,
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
	}

	/** Collects the exemptions an element declares. */
	private void collectExemptions(AnnotatedElement element, RouteMatcher route, List<Exemption> exemptions) {
		MergedAnnotations.from(element, SearchStrategy.TYPE_HIERARCHY)
			.stream(RateLimitExempt.class)
			.map((exempt) -> new Exemption(route, Set.of(exempt.getStringArray("limits"))))
			.forEach(exemptions::add);
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
	 * The route of a handler's limits and exemptions: its mapping's paths and methods,
	 * less where Spring MVC surely prefers another handler. Where it may prefer another,
	 * telling them apart by more than path and method (params, headers, consumes,
	 * produces, a version), or where the mapping's pattern is one only an
	 * {@code AntPathMatcher} reads, a request is on the route only if Spring MVC hands it
	 * to this handler.
	 */
	private static RouteMatcher route(List<Mapping> own, List<Mapping> mappings) {
		List<RouteMatcher> routes = new ArrayList<>();
		for (Mapping self : own) {
			List<Mapping> others = mappings.stream()
				.filter((other) -> !other.handler().equals(self.handler()) && other.sharesMethodsWith(self))
				.toList();
			List<Mapping> othersOnHead = others.stream().filter((other) -> other.headRank() >= 0).toList();
			List<Mapping> othersOnOptions = others.stream()
				.filter((other) -> other.methods().contains("OPTIONS"))
				.toList();
			routes.add(new HandlerRoute(self.pattern(), self.methods(), self.handler(), self.exact(),
					rivals(others, self, Mapping::isSurelyPreferredOver),
					rivals(othersOnHead, self, Mapping::isSurelyPreferredOnHeadOver),
					rivals(othersOnOptions, self, Mapping::isSurelyPreferredOver)));
		}
		return RouteMatcher.anyOf(routes);
	}

	/**
	 * The routes of the other mappings that Spring MVC surely chooses over one where they
	 * match, and of those it may or may not choose.
	 */
	private static HandlerRoute.Rivals rivals(List<Mapping> others, Mapping self,
			BiPredicate<Mapping, Mapping> preferred) {
		List<PathPatternRoute> surely = others.stream()
			.filter((other) -> preferred.test(other, self))
			.map(Mapping::route)
			.toList();
		List<PathPatternRoute> maybe = others.stream()
			.filter((other) -> !preferred.test(other, self) && !preferred.test(self, other))
			.map(Mapping::route)
			.toList();
		return new HandlerRoute.Rivals(surely, maybe);
	}

	/**
	 * The mapping's patterns as path patterns. With an {@code AntPathMatcher}
	 * ({@code spring.mvc.pathmatch.matching-strategy=ant-path-matcher}) a pattern may have
	 * {@code **} inside it, which no path pattern matches the same paths as; it stands
	 * for the pattern up to there followed by {@code /**}, which matches more. A pattern
	 * ending in a {@code *} segment also stands for its prefix with a slash, which that
	 * matcher lets the segment match empty; both such patterns ask Spring MVC for the
	 * handler. With a {@code PathMatcher} of the application's own, {@code /**} stands for
	 * every pattern.
	 */
	private List<MappedPattern> patterns(RequestMappingInfo info) {
		PathPatternsRequestCondition condition = info.getPathPatternsCondition();
		if (condition != null) {
			return condition.getPatterns().stream().map((pattern) -> new MappedPattern(pattern, true, null)).toList();
		}
		List<MappedPattern> patterns = new ArrayList<>();
		for (String antPattern : info.getPatternValues()) {
			patterns.add(parseAntPattern(antPattern));
			String emptyLast = AntPatterns.emptyLastSegment(antPattern);
			if (this.antPathMatcher && emptyLast != null) {
				patterns.add(new MappedPattern(parseOrEveryPath(emptyLast), false, antPattern));
			}
		}
		return patterns;
	}

	private PathPattern parseOrEveryPath(String pattern) {
		try {
			return this.antPatternParser.parse(pattern);
		}
		catch (PatternParseException ex) {
			return this.antPatternParser.parse("/**");
		}
	}

	private MappedPattern parseAntPattern(String antPattern) {
		if (!this.antPathMatcher) {
			return new MappedPattern(this.antPatternParser.parse("/**"), false, antPattern);
		}
		try {
			return new MappedPattern(this.antPatternParser.parse(antPattern), true, antPattern);
		}
		catch (PatternParseException ex) {
			int inner = antPattern.indexOf("/**/");
			String wider = (inner >= 0) ? antPattern.substring(0, inner) + "/**" : "/**";
			try {
				return new MappedPattern(this.antPatternParser.parse(wider), false, antPattern);
			}
			catch (PatternParseException stillInvalid) {
				return new MappedPattern(this.antPatternParser.parse("/**"), false, antPattern);
			}
		}
	}

	/**
	 * A pattern of a mapping, or, if not {@code exact}, a wider one that stands for it;
	 * and the pattern as an {@code AntPathMatcher} reads it, if one does.
	 */
	private record MappedPattern(PathPattern pattern, boolean exact, @Nullable String antPattern) {
	}

	private static Set<String> methodsOf(RequestMappingInfo info) {
		return info.getMethodsCondition().getMethods().stream().map(Enum::name).collect(Collectors.toSet());
	}

	/**
	 * One pattern of one handler method's mapping, and the mapping's conditions beyond its
	 * path and methods, and how many patterns the mapping has. Its rank for {@code HEAD}
	 * requests is 2 if it names {@code HEAD}, 1 if {@code GET}, 0 if no method, and -1 if
	 * it takes no {@code HEAD} request. {@code antAnyCase} tells whether an
	 * {@code AntPathMatcher} that reads it matches in any case.
	 */
	private record Mapping(HandlerMethod handler, PathPattern pattern, boolean exact, @Nullable String antPattern,
			Set<String> methods, int headRank, List<Object> conditions, int patternCount, boolean antAnyCase) {

		static List<Mapping> of(RequestMappingInfo info, HandlerMethod handler, List<MappedPattern> patterns,
				boolean antAnyCase) {
			Set<String> declared = methodsOf(info);
			Set<String> methods = PathPatternRoute.withHeadForGet(declared);
			int headRank = declared.contains("HEAD") ? 2 : declared.contains("GET") ? 1 : declared.isEmpty() ? 0 : -1;
			List<Object> conditions = conditionsOf(info);
			return patterns.stream()
				.map((mapped) -> new Mapping(handler, mapped.pattern(), mapped.exact(), mapped.antPattern(), methods,
						headRank, conditions, patterns.size(), antAnyCase))
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
		 * Whether Spring MVC chooses this mapping over another wherever both match: its
		 * pattern is its own, it is preferred, and it takes every request the other would,
		 * having no conditions or the same. Between patterns that an
		 * {@code AntPathMatcher} reads, only a plain path is surely preferred, over a
		 * pattern, and only if the matcher is case-sensitive, so that the plain path is
		 * the request's path, which that matcher ranks first; it ranks {@code /ab/a} with
		 * {@code /?b/a} otherwise. Its comparator is not transitive ({@code /a/**} comes before
		 * {@code /*}{@code /**}{@code /b}, which comes before {@code /*}{@code /{v}/*},
		 * which comes before {@code /a/**}), so which of several mappings Spring MVC
		 * chooses depends on them all, and on the order they were registered in.
		 */
		boolean isSurelyPreferredOver(Mapping other) {
			if (!this.exact || !(this.conditions.isEmpty() || this.conditions.equals(other.conditions))) {
				return false;
			}
			if (this.antPattern != null || other.antPattern != null) {
				return isLiteral() && !this.antAnyCase && !other.isLiteral();
			}
			return isPreferredOver(other);
		}

		/**
		 * Whether Spring MVC chooses this mapping over another for a {@code HEAD} request
		 * wherever both match. For {@code HEAD} it ranks mappings by their methods first:
		 * one that names {@code HEAD}, then one that names {@code GET}, then one that
		 * names none ({@link #headRank()}), unless the request's path is the other's
		 * plain path ({@link #isLiteral()}); between mappings of one rank, as for any
		 * request.
		 */
		boolean isSurelyPreferredOnHeadOver(Mapping other) {
			if (this.antPattern != null || other.antPattern != null) {
				return this.headRank >= other.headRank && isSurelyPreferredOver(other);
			}
			if (this.headRank != other.headRank) {
				return this.headRank > other.headRank && !other.isLiteral() && this.exact
						&& (this.conditions.isEmpty() || this.conditions.equals(other.conditions));
			}
			return isSurelyPreferredOver(other);
		}

		/**
		 * Whether the pattern is a plain path. Spring MVC first looks for mappings whose
		 * path is the request's, spelled as it is, and asks the others only if none of
		 * those takes the request: so for {@code HEAD}, whether such a mapping comes
		 * before one of a higher rank depends on the spelling.
		 */
		boolean isLiteral() {
			return !this.pattern.hasPatternSyntax();
		}

		/**
		 * Whether a request of one method may match both mappings, a {@code HEAD} one
		 * matching {@code GET} mappings too (their methods include it).
		 */
		boolean sharesMethodsWith(Mapping other) {
			return this.methods.isEmpty() || other.methods.isEmpty()
					|| this.methods.stream().anyMatch(other.methods::contains);
		}

		/**
		 * Whether Spring MVC chooses this mapping over another where both match, both
		 * path patterns: a more specific pattern, or the same pattern and conditions with
		 * explicit methods against none (Spring MVC compares the methods last), where the
		 * other has no second pattern that may match too (Spring MVC prefers the mapping
		 * with more matching patterns before it compares methods).
		 */
		boolean isPreferredOver(Mapping other) {
			if (PathPattern.SPECIFICITY_COMPARATOR.compare(this.pattern, other.pattern) < 0) {
				return true;
			}
			return this.pattern.getPatternString().equals(other.pattern.getPatternString())
					&& this.conditions.equals(other.conditions) && other.methods.isEmpty() && !this.methods.isEmpty()
					&& other.patternCount == 1;
		}

		PathPatternRoute route() {
			return new PathPatternRoute(List.of(this.pattern), this.methods);
		}

	}

}
