package dev.tollgate.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.tollgate.rule.AntPatterns;
import dev.tollgate.rule.PathPatternRoute;

import org.springframework.util.AntPathMatcher;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;
import org.springframework.web.servlet.handler.AbstractHandlerMethodMapping;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The paths and methods of the requests a handler mapping may take, read once from its
 * mappings, and wider than its own wherever they cannot be read exactly: patterns that
 * are not path patterns are read in any case.
 */
final class HandlerMappingRoutes {

	private static final PathPatternParser ANY_CASE = anyCase();

	private static final PathPatternRoute EVERY_PATH = new PathPatternRoute(List.of(ANY_CASE.parse("/**")), Set.of());

	private HandlerMappingRoutes() {
	}

	/**
	 * The paths and methods a handler mapping may take requests of, wider than its own
	 * where they cannot be told exactly: every path for a mapping of a kind not known
	 * here or matching with a {@code PathMatcher} of the application's own, and for a
	 * functional endpoint's predicates of the application's own.
	 */
	static List<PathPatternRoute> of(HandlerMapping mapping) {
		try {
			return readRoutes(mapping);
		}
		catch (RuntimeException ex) {
			return List.of(EVERY_PATH);
		}
	}

	private static List<PathPatternRoute> readRoutes(HandlerMapping mapping) {
		if (mapping instanceof RouterFunctionMapping functional) {
			RouterFunction<?> routerFunction = functional.getRouterFunction();
			return (routerFunction != null)
					? FunctionalEndpointRoutes.of(routerFunction, HandlerMappingRoutes::parse) : List.of();
		}
		if (mapping instanceof AbstractHandlerMapping matching && matching.getPatternParser() == null
				&& matching.getPathMatcher().getClass() != AntPathMatcher.class) {
			return List.of(EVERY_PATH);
		}
		if (mapping instanceof AbstractHandlerMethodMapping<?> methods) {
			List<PathPatternRoute> routes = new ArrayList<>();
			for (Object info : methods.getHandlerMethods().keySet()) {
				routes.add((info instanceof RequestMappingInfo requestMapping) ? routeOf(requestMapping) : EVERY_PATH);
			}
			return routes;
		}
		if (mapping instanceof AbstractUrlHandlerMapping urls) {
			if (urls.getDefaultHandler() != null) {
				return List.of(EVERY_PATH);
			}
			List<PathPattern> patterns = new ArrayList<>(urls.getPathPatternHandlerMap().keySet());
			urls.getHandlerMap().keySet().forEach((pattern) -> patterns.addAll(parseAnt(pattern)));
			if (urls.getRootHandler() != null) {
				patterns.add(parse("/"));
			}
			return patterns.isEmpty() ? List.of() : List.of(new PathPatternRoute(patterns, Set.of()));
		}
		return List.of(EVERY_PATH);
	}

	private static PathPatternRoute routeOf(RequestMappingInfo info) {
		List<PathPattern> patterns = (info.getPathPatternsCondition() != null)
				? List.copyOf(info.getPathPatternsCondition().getPatterns())
				: info.getPatternValues().stream().flatMap((pattern) -> parseAnt(pattern).stream()).toList();
		Set<String> methods = new HashSet<>();
		info.getMethodsCondition().getMethods().forEach((method) -> methods.add(method.name()));
		return patterns.isEmpty() ? EVERY_PATH : new PathPatternRoute(patterns, methods);
	}

	/**
	 * An {@code AntPathMatcher} pattern as path patterns matching in any case: itself, and
	 * for one ending in a {@code *} segment, its prefix with a slash, which that matcher
	 * lets the segment match empty ({@code /files/*}{@code /} matches {@code /files/}).
	 */
	private static List<PathPattern> parseAnt(String pattern) {
		String emptyLast = AntPatterns.emptyLastSegment(pattern);
		return (emptyLast != null) ? List.of(parse(pattern), parse(emptyLast)) : List.of(parse(pattern));
	}

	/** A pattern as a path pattern matching in any case, or every path if none can. */
	static PathPattern parse(String pattern) {
		try {
			return ANY_CASE.parse(pattern);
		}
		catch (RuntimeException ex) {
			return ANY_CASE.parse("/**");
		}
	}

	private static PathPatternParser anyCase() {
		PathPatternParser parser = new PathPatternParser();
		parser.setCaseSensitive(false);
		return parser;
	}

}
