package dev.tollgate.rule;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;

/**
 * A route given by path patterns and HTTP methods, as in configuration.
 */
public final class PathPatternRoute implements RouteMatcher {

	private final List<PathPattern> patterns;

	private final Set<String> methods;

	/**
	 * Create a new route.
	 * @param patterns the path patterns, at least one
	 * @param methods the HTTP methods in upper case, or empty for any method; a
	 * {@code GET} also matches {@code HEAD}, as Spring MVC routes {@code HEAD} to
	 * {@code GET} handlers
	 */
	public PathPatternRoute(List<PathPattern> patterns, Set<String> methods) {
		if (patterns.isEmpty()) {
			throw new IllegalArgumentException("at least one path pattern is required");
		}
		this.patterns = List.copyOf(patterns);
		this.methods = withHeadForGet(methods);
	}

	/**
	 * HTTP methods as Spring MVC routes them: {@code GET} takes {@code HEAD} too.
	 * @param methods the methods in upper case, empty for any
	 * @return the same methods, with {@code HEAD} if they have {@code GET}
	 */
	public static Set<String> withHeadForGet(Set<String> methods) {
		if (!methods.contains("GET")) {
			return Set.copyOf(methods);
		}
		Set<String> all = new HashSet<>(methods);
		all.add("HEAD");
		return Set.copyOf(all);
	}

	@Override
	public RouteMatch match(PathContainer path, String method) {
		return matches(path, method) ? RouteMatch.ALL : RouteMatch.NONE;
	}

	/**
	 * Whether the request is on this route.
	 * @param path the request's path within the application
	 * @param method the request's HTTP method
	 * @return whether a pattern and the method match
	 */
	public boolean matches(PathContainer path, String method) {
		if (!this.methods.isEmpty() && !this.methods.contains(method)) {
			return false;
		}
		for (PathPattern pattern : this.patterns) {
			if (pattern.matches(path)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public List<String> describe() {
		String prefix = this.methods.isEmpty() ? "" : String.join(",", new TreeSet<>(this.methods)) + " ";
		return this.patterns.stream().map((pattern) -> prefix + pattern.getPatternString()).toList();
	}

	@Override
	public String toString() {
		return describe().toString();
	}

}
