package dev.tollgate.annotation;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import dev.tollgate.rule.PathPatternRoute;
import dev.tollgate.rule.Rate;
import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.rule.RateLimitRules;
import dev.tollgate.rule.RouteMatch;
import dev.tollgate.rule.RouteMatcher;
import dev.tollgate.web.HandlerMappingLookup;
import dev.tollgate.web.LimitRequestFactory;
import dev.tollgate.web.LookupPath;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.http.server.PathContainer;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockServletContext;
import org.springframework.util.AntPathMatcher;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.accept.DefaultApiVersionStrategy;
import org.springframework.web.accept.SemanticApiVersionParser;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.context.support.StaticWebApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routes read from annotated handlers agree with Spring MVC's own handler mapping on
 * random mappings and requests: wherever Spring MVC hands a request to a handler, that
 * handler's limit covers it (no request gets past it), and no other handler's limit
 * does (none counts what another handler serves). Where the path alone cannot tell, the
 * route asks for the handler, and the answer is checked with the one Spring MVC gives.
 * Then the same through the filter's own matching, on paths spelled as clients may
 * (encoded, with parameters, doubled slashes): a path with a trailing slash may meet
 * other limits too, those of the path without it. And with functional endpoints asked
 * first, whose requests meet no annotated limit. Seeds are fixed, so that a failure
 * comes back on every run; more trials with other seeds found nothing more.
 */
class RoutesAgreeWithSpringMvcTests {

	/**
	 * Segments of patterns, the empty braces standing for a variable named after its
	 * place, one of them with a regular expression.
	 */
	private static final List<String> PATTERN_SEGMENTS = List.of("a", "b", "ab", "{}", "*", "a*", "{}", "?b",
			"{}:[ab]+}", "a{}");

	private static final List<String> PATH_SEGMENTS = List.of("a", "b", "c", "ab", "A", "bb");

	/** The methods of mappings that name some: none stands for any. */
	private static final List<List<RequestMethod>> METHODS = List.of(List.of(RequestMethod.GET),
			List.of(RequestMethod.POST), List.of(RequestMethod.GET, RequestMethod.POST), List.of(RequestMethod.HEAD),
			List.of(RequestMethod.GET, RequestMethod.HEAD), List.of(RequestMethod.OPTIONS),
			List.of(RequestMethod.GET, RequestMethod.OPTIONS));

	private static final List<String> REQUEST_METHODS = List.of("GET", "POST", "HEAD", "PUT", "OPTIONS");

	@ParameterizedTest
	@EnumSource
	void everyRequestIsCountedByTheLimitOfTheHandlerSpringMvcChoosesAndNoOther(Matching matching) throws Exception {
		Random random = new Random(1207 + matching.ordinal());
		boolean ant = matching.ant;
		int handled = 0;
		int asked = 0;
		for (int trial = 0; trial < 500; trial++) {
			RequestMappingHandlerMapping mapping = matching.mapping();
			registerRandomMappings(mapping, random, ant);
			AnnotatedLimits annotated = new HandlerMethodAnnotationsReader(matching.parser())
				.read(mapping.getHandlerMethods());
			for (int r = 0; r < 40; r++) {
				Agreement agreement = assertAgrees(mapping, matching, annotated, randomRequest(random));
				asked += agreement.asked();
				handled += agreement.handled() ? 1 : 0;
			}
		}
		assertThat(handled).as("requests Spring MVC handed to a handler").isGreaterThan(1000);
		assertThat(asked).as("matches that ask for the handler").isPositive();
	}

	@Test
	void versionedMappingsToo() throws Exception {
		Random random = new Random(1130);
		int handled = 0;
		List<String> versions = List.of("1.0", "1.1", "1.1+", "2.0");
		List<String> requested = List.of("1.0", "1.1", "1.5", "2.0", "3.0");
		for (int trial = 0; trial < 300; trial++) {
			RequestMappingHandlerMapping mapping = new RequestMappingHandlerMapping();
			StaticWebApplicationContext context = new StaticWebApplicationContext();
			context.setServletContext(new MockServletContext());
			context.refresh();
			mapping.setApiVersionStrategy(new DefaultApiVersionStrategy(
					List.of((request) -> request.getHeader("X-Version")), new SemanticApiVersionParser(), false, null,
					true, null, null));
			mapping.setApplicationContext(context);
			mapping.afterPropertiesSet();
			Handlers handlers = new Handlers();
			for (int i = 2 + random.nextInt(5) - 1; i >= 0; i--) {
				RequestMappingInfo.Builder info = RequestMappingInfo.paths(densePattern(random))
					.options(mapping.getBuilderConfiguration());
				if (random.nextBoolean()) {
					info.methods(METHODS.get(random.nextInt(METHODS.size())).toArray(RequestMethod[]::new));
				}
				if (random.nextInt(3) != 0) {
					info.version(versions.get(random.nextInt(versions.size())));
				}
				try {
					mapping.registerMapping(info.build(), handlers, ReflectionUtils.findMethod(Handlers.class, "h" + i));
				}
				catch (IllegalStateException ambiguous) {
					// the same mapping as another handler's
				}
			}
			AnnotatedLimits annotated = new HandlerMethodAnnotationsReader().read(mapping.getHandlerMethods());
			for (int r = 0; r < 40; r++) {
				MockHttpServletRequest request = randomRequest(random);
				request.setRequestURI(densePattern(random).replace("{v0}", "b").replace("{v1}", "ab").replace("*", "b"));
				if (random.nextInt(4) != 0) {
					request.addHeader("X-Version", requested.get(random.nextInt(requested.size())));
				}
				handled += assertAgrees(mapping, Matching.PATH_PATTERNS, annotated, request).handled() ? 1 : 0;
			}
		}
		assertThat(handled).as("requests Spring MVC handed to a handler").isGreaterThan(500);
	}

	/** One or two segments of few kinds, so that mappings overlap often: half the mappings have such patterns. */
	private static String densePattern(Random random) {
		List<String> segments = List.of("a", "{v}", "*", "a*");
		StringBuilder pattern = new StringBuilder();
		for (int s = random.nextInt(2); s >= 0; s--) {
			pattern.append('/').append(segments.get(random.nextInt(segments.size())).replace("{v}", "{v" + s + "}"));
		}
		return pattern.toString();
	}

	@Test
	void underAnAntPathMatcherInAnyCaseAPlainPathComesFirstOnlyWhereItIsTheRequestsPath() throws Exception {
		// that matcher ranks /ab/a with /?b/a for /ab/A, and then the params condition decides
		Matching matching = Matching.ANY_CASE_ANT_PATH_MATCHER;
		RequestMappingHandlerMapping mapping = matching.mapping();
		Handlers handlers = new Handlers();
		mapping.registerMapping(RequestMappingInfo.paths("/ab/a").options(mapping.getBuilderConfiguration()).build(),
				handlers, ReflectionUtils.findMethod(Handlers.class, "h0"));
		mapping.registerMapping(RequestMappingInfo.paths("/?b/a")
			.params("p=1")
			.options(mapping.getBuilderConfiguration())
			.build(), handlers, ReflectionUtils.findMethod(Handlers.class, "h1"));
		AnnotatedLimits annotated = new HandlerMethodAnnotationsReader(matching.parser())
			.read(mapping.getHandlerMethods());
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ab/A");
		request.setParameter("p", "1");
		assertThat(handlerOf(mapping, request).getMethod().getName()).isEqualTo("h1");
		assertAgrees(mapping, matching, annotated, request);
	}

	/**
	 * Checks every limit's route against the handler Spring MVC chooses for a request.
	 * @return whether Spring MVC handed the request to a handler, and how many of the
	 * routes asked for it
	 */
	private static Agreement assertAgrees(RequestMappingHandlerMapping mapping, Matching matching,
			AnnotatedLimits annotated, MockHttpServletRequest request) {
		HandlerMethod chosen = handlerOf(mapping, request);
		PathContainer path = lookupPath(mapping, matching.ant).of(request);
		int asked = 0;
		for (AnnotatedLimit limit : annotated.limits()) {
			RouteMatch match = limit.route().match(path, request.getMethod());
			asked += match.dependsOnHandler() ? 1 : 0;
			if (chosen != null) {
				boolean own = chosen.getMethod().getName().equals(limit.name().substring("Handlers.".length()));
				assertThat(match.covers(chosen, true))
					.as("%s %s %s: %s's limit (route %s), handled by %s, mappings %s", request.getMethod(),
							request.getRequestURI(), conditionsOf(request), limit.name(), limit.route(),
							chosen.getMethod().getName(), mapping.getHandlerMethods().keySet())
					.isEqualTo(own);
			}
		}
		return new Agreement(chosen != null, asked);
	}

	private record Agreement(boolean handled, int asked) {
	}

	@ParameterizedTest
	@EnumSource
	void theFilterFindsTheLimitOfTheHandlerSpringMvcChoosesWhateverTheSpelling(Matching matching) throws Exception {
		Random random = new Random(2026 + matching.ordinal());
		boolean ant = matching.ant;
		int handled = 0;
		for (int trial = 0; trial < 150; trial++) {
			RequestMappingHandlerMapping mapping = matching.mapping();
			registerRandomMappings(mapping, random, ant);
			List<RateLimitRule> rules = new HandlerMethodAnnotationsReader(matching.parser())
				.read(mapping.getHandlerMethods())
				.limits()
				.stream()
				.map((limit) -> rule(limit.name(), limit.route()))
				.toList();
			LimitRequestFactory filter = new LimitRequestFactory(new RateLimitRules(rules, null, List.of()), null,
					lookupPath(mapping, ant), new HandlerMappingLookup(() -> List.of(mapping), mapping));
			for (int r = 0; r < 40; r++) {
				MockHttpServletRequest request = randomRequest(random);
				request.setRequestURI(decorated(request.getRequestURI(), random));
				HandlerMethod chosen = handlerOf(mapping, request);
				if (chosen == null) {
					continue;
				}
				handled++;
				List<String> applied;
				try {
					applied = filter.limitsFor(request).stream().map((limit) -> limit.rule().getName()).toList();
				}
				catch (IllegalArgumentException unparsable) {
					continue;
				}
				// Spring MVC's own answer to OPTIONS is a handler too, with no limit of its own
				List<String> own = (chosen.getBeanType() == Handlers.class)
						? List.of("Handlers." + chosen.getMethod().getName()) : List.of();
				String described = request.getMethod() + " " + request.getRequestURI() + " " + conditionsOf(request)
						+ ", handled by " + chosen + ", mappings " + mapping.getHandlerMethods().keySet();
				assertThat(applied).as(described).containsAll(own);
				if (!request.getRequestURI().endsWith("/")) {
					assertThat(applied).as(described).containsExactlyElementsOf(own);
				}
			}
		}
		assertThat(handled).as("requests Spring MVC handed to a handler").isGreaterThan(500);
	}

	@Test
	void functionalEndpointsAskedFirstAndAnnotatedExemptionsMeetTheLimitsOfTheHandlerTheyReach() throws Exception {
		Random random = new Random(20261207);
		int functional = 0;
		int limited = 0;
		int exempt = 0;
		for (int trial = 0; trial < 150; trial++) {
			RequestMappingHandlerMapping mapping = Matching.PATH_PATTERNS.mapping();
			registerRandomMappings(mapping, random, false);
			for (int e = random.nextInt(3); e > 0; e--) {
				registerRandomMapping(mapping, random, false, ReflectionUtils.findMethod(Handlers.class, "e" + e));
			}
			RouterFunctionMapping functions = new RouterFunctionMapping(randomRouterFunction(random));
			functions.setOrder(-1);
			functions.setApplicationContext(mapping.getApplicationContext());
			functions.afterPropertiesSet();
			List<HandlerMapping> inOrder = List.of(functions, mapping);
			AnnotatedLimits annotated = new HandlerMethodAnnotationsReader().read(mapping.getHandlerMethods());
			List<RateLimitRule> rules = new ArrayList<>();
			rules.add(rule("all", new PathPatternRoute(List.of(PathPatternParser.defaultInstance.parse("/**")),
					Set.of())));
			annotated.limits().forEach((limit) -> rules.add(rule(limit.name(), limit.route())));
			LimitRequestFactory filter = new LimitRequestFactory(
					new RateLimitRules(rules, null, annotated.exemptions()), null, LookupPath.parsed(),
					new HandlerMappingLookup(() -> inOrder, mapping));
			for (int r = 0; r < 40; r++) {
				MockHttpServletRequest request = randomRequest(random);
				Object chosen = handlerOf(inOrder, request);
				if (chosen == null) {
					continue;
				}
				List<String> applied = filter.limitsFor(request).stream().map((limit) -> limit.rule().getName()).toList();
				String described = request.getMethod() + " " + request.getRequestURI() + " " + conditionsOf(request)
						+ ", handled by " + chosen + ", mappings " + mapping.getHandlerMethods().keySet()
						+ ", functions " + functions.getRouterFunction();
				if (!(chosen instanceof HandlerMethod method) || method.getBeanType() != Handlers.class) {
					// a functional endpoint, or Spring MVC's own answer to OPTIONS
					functional++;
					assertThat(applied).as(described).containsExactly("all");
				}
				else if (method.getMethod().getName().startsWith("e")) {
					exempt++;
					assertThat(applied).as(described).isEmpty();
				}
				else {
					limited++;
					assertThat(applied).as(described).containsExactly("all", "Handlers." + method.getMethod().getName());
				}
			}
		}
		assertThat(functional).as("requests functional endpoints took").isGreaterThan(300);
		assertThat(limited).as("requests limited annotated handlers took").isGreaterThan(300);
		assertThat(exempt).as("requests exempt annotated handlers took").isGreaterThan(100);
	}

	private static RateLimitRule rule(String name, RouteMatcher route) {
		return RateLimitRule.builder(name)
			.route(route)
			.rates(List.of(Rate.parse("1000/1m")))
			.key("ip", (request) -> "k")
			.build();
	}

	/**
	 * One to three functional routes on random paths and methods, some nested, some told
	 * apart by a header with a predicate of their own.
	 */
	private static RouterFunction<ServerResponse> randomRouterFunction(Random random) {
		RouterFunctions.Builder builder = RouterFunctions.route();
		int routes = 1 + random.nextInt(3);
		for (int i = 0; i < routes; i++) {
			String pattern = randomPattern(random, false);
			RequestPredicate predicate = switch (random.nextInt(4)) {
				case 0 -> RequestPredicates.GET(pattern);
				case 1 -> RequestPredicates.POST(pattern);
				case 2 -> RequestPredicates.path(pattern)
					.and(RequestPredicates.headers((headers) -> !headers.header("X-H").isEmpty()));
				default -> RequestPredicates.path(pattern);
			};
			HandlerFunction<ServerResponse> handler = (request) -> ServerResponse.ok().build();
			if (random.nextInt(3) == 0) {
				builder.path(randomPattern(random, false).replace("/{*rest}", "").replace("/**", ""),
						(nested) -> nested.route(predicate, handler));
			}
			else {
				builder.route(predicate, handler);
			}
		}
		return builder.build();
	}

	/** The handler the first of some handler mappings hands the request to, or {@code null} if none. */
	private static @Nullable Object handlerOf(List<HandlerMapping> inOrder, MockHttpServletRequest request) {
		MockHttpServletRequest copy = copy(request);
		ServletRequestPathUtils.parseAndCache(copy);
		try {
			for (HandlerMapping mapping : inOrder) {
				HandlerExecutionChain chain = mapping.getHandler(copy);
				if (chain != null) {
					return chain.getHandler();
				}
			}
			return null;
		}
		catch (Exception noneOrAmbiguous) {
			return null;
		}
	}

	/** A path spelled in one of the ways a client may: encoded, with parameters, doubled slashes, in capitals. */
	private static String decorated(String path, Random random) {
		return switch (random.nextInt(8)) {
			case 0 -> path.replaceFirst("a", "%61");
			case 1 -> path + ";jsessionid=1";
			case 2 -> path.replaceFirst("/", "//");
			case 3 -> path + "/";
			case 4 -> path.replaceFirst("/([^/]+)", "/$1;v=1");
			case 5 -> path.replaceFirst("/", "/./");
			case 6 -> path.toUpperCase(Locale.ROOT);
			default -> path;
		};
	}

	/**
	 * How the handler mapping matches paths: with path patterns or an
	 * {@code AntPathMatcher}, in the path's case or in any.
	 */
	enum Matching {

		PATH_PATTERNS(false, true), ANY_CASE_PATH_PATTERNS(false, false), ANT_PATH_MATCHER(true, true),
		ANY_CASE_ANT_PATH_MATCHER(true, false);

		private final boolean ant;

		private final boolean caseSensitive;

		Matching(boolean ant, boolean caseSensitive) {
			this.ant = ant;
			this.caseSensitive = caseSensitive;
		}

		RequestMappingHandlerMapping mapping() {
			StaticWebApplicationContext context = new StaticWebApplicationContext();
			context.setServletContext(new MockServletContext());
			context.refresh();
			RequestMappingHandlerMapping mapping = new RequestMappingHandlerMapping();
			if (this.ant) {
				AntPathMatcher matcher = new AntPathMatcher();
				matcher.setCaseSensitive(this.caseSensitive);
				mapping.setPatternParser(null);
				mapping.setPathMatcher(matcher);
			}
			else {
				mapping.setPatternParser(parser());
			}
			mapping.setApplicationContext(context);
			mapping.afterPropertiesSet();
			return mapping;
		}

		/** The parser the application's Spring MVC uses, or Tollgate for ant patterns. */
		PathPatternParser parser() {
			PathPatternParser parser = new PathPatternParser();
			parser.setCaseSensitive(this.caseSensitive);
			return parser;
		}

	}

	/** Up to six of the handlers, each on one or two random patterns with random conditions. */
	private static void registerRandomMappings(RequestMappingHandlerMapping mapping, Random random, boolean ant) {
		int count = 2 + random.nextInt(5);
		for (int i = 0; i < count; i++) {
			registerRandomMapping(mapping, random, ant, ReflectionUtils.findMethod(Handlers.class, "h" + i));
		}
	}

	/**
	 * Maps a handler on one or two random patterns with random conditions, unless another
	 * handler has the same mapping, which Spring MVC refuses.
	 */
	private static void registerRandomMapping(RequestMappingHandlerMapping mapping, Random random, boolean ant,
			Method method) {
		String[] patterns = new String[1 + random.nextInt(2)];
		boolean dense = random.nextBoolean();
		for (int p = 0; p < patterns.length; p++) {
			patterns[p] = dense ? densePattern(random) : randomPattern(random, ant);
		}
		RequestMappingInfo.Builder info = RequestMappingInfo.paths(patterns).options(mapping.getBuilderConfiguration());
		if (random.nextBoolean()) {
			info.methods(METHODS.get(random.nextInt(METHODS.size())).toArray(RequestMethod[]::new));
		}
		switch (random.nextInt(10)) {
			case 0 -> info.params("p=1");
			case 1 -> info.produces("text/csv");
			case 2 -> info.headers("X-H=1");
			case 3 -> info.consumes("application/json");
			case 4 -> info.params("!p");
			default -> {
			}
		}
		try {
			mapping.registerMapping(info.build(), new Handlers(), method);
		}
		catch (IllegalStateException ambiguous) {
			// the same mapping as another handler's
		}
	}

	private static String randomPattern(Random random, boolean ant) {
		StringBuilder pattern = new StringBuilder();
		int segments = 1 + random.nextInt(3);
		for (int s = 0; s < segments; s++) {
			String segment = PATTERN_SEGMENTS.get(random.nextInt(PATTERN_SEGMENTS.size()));
			pattern.append('/').append(segment.replace("{}:", "{v" + s + ":").replace("{}", "{v" + s + "}"));
		}
		int tail = random.nextInt(7);
		if (tail == 0) {
			pattern.append("/**");
		}
		else if (tail == 1) {
			pattern.append(ant ? "/**/b" : "/{*rest}");
		}
		else if (tail == 2) {
			pattern.append('/');
		}
		return pattern.toString();
	}

	private static MockHttpServletRequest randomRequest(Random random) {
		StringBuilder path = new StringBuilder();
		int segments = random.nextBoolean() ? 1 + random.nextInt(2) : 1 + random.nextInt(4);
		for (int s = 0; s < segments; s++) {
			path.append('/').append(PATH_SEGMENTS.get(random.nextInt(PATH_SEGMENTS.size())));
		}
		MockHttpServletRequest request = new MockHttpServletRequest(
				REQUEST_METHODS.get(random.nextInt(REQUEST_METHODS.size())), path.toString());
		if (random.nextInt(4) == 0) {
			request.setParameter("p", "1");
		}
		if (random.nextInt(4) == 0) {
			request.addHeader("X-H", "1");
		}
		switch (random.nextInt(3)) {
			case 0 -> request.addHeader("Accept", "text/csv");
			case 1 -> request.addHeader("Accept", "application/json");
			default -> {
			}
		}
		if (random.nextInt(3) == 0) {
			request.setContentType("application/json");
		}
		return request;
	}

	private static String conditionsOf(MockHttpServletRequest request) {
		return "p=" + request.getParameter("p") + " X-H=" + request.getHeader("X-H") + " Accept="
				+ request.getHeader("Accept") + " Content-Type=" + request.getContentType() + " X-Version="
				+ request.getHeader("X-Version");
	}

	/** The handler Spring MVC hands the request to, or {@code null} if none. */
	private static @Nullable HandlerMethod handlerOf(RequestMappingHandlerMapping mapping,
			MockHttpServletRequest request) {
		MockHttpServletRequest copy = copy(request);
		try {
			if (mapping.usesPathPatterns()) {
				ServletRequestPathUtils.parseAndCache(copy);
			}
			HandlerExecutionChain chain = mapping.getHandler(copy);
			return (chain != null) ? (HandlerMethod) chain.getHandler() : null;
		}
		catch (Exception noneOrAmbiguous) {
			return null;
		}
	}

	private static MockHttpServletRequest copy(MockHttpServletRequest request) {
		MockHttpServletRequest copy = new MockHttpServletRequest(request.getMethod(), request.getRequestURI());
		copy.setParameters(request.getParameterMap());
		copy.setContentType(request.getContentType());
		for (String name : List.of("X-H", "Accept", "X-Version")) {
			if (request.getHeader(name) != null) {
				copy.addHeader(name, request.getHeader(name));
			}
		}
		return copy;
	}

	private static LookupPath lookupPath(RequestMappingHandlerMapping mapping, boolean ant) {
		return ant ? LookupPath.resolvedBy(mapping.getUrlPathHelper()) : LookupPath.parsed();
	}

	/** Handlers with a limit each, named after them ({@code Handlers.h0}), and exempt ones. */
	static class Handlers {

		@RateLimitExempt
		String e1() {
			return "e1";
		}

		@RateLimitExempt
		String e2() {
			return "e2";
		}

		@RateLimit(rate = "1000/1m")
		String h0() {
			return "0";
		}

		@RateLimit(rate = "1000/1m")
		String h1() {
			return "1";
		}

		@RateLimit(rate = "1000/1m")
		String h2() {
			return "2";
		}

		@RateLimit(rate = "1000/1m")
		String h3() {
			return "3";
		}

		@RateLimit(rate = "1000/1m")
		String h4() {
			return "4";
		}

		@RateLimit(rate = "1000/1m")
		String h5() {
			return "5";
		}

	}

}
