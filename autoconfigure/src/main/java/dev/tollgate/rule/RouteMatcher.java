package dev.tollgate.rule;

import java.util.List;
import java.util.Set;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Matches requests by path pattern and HTTP method, on the path that Spring MVC
 * parses and routes on.
 */
public final class RouteMatcher {

	private final List<PathPattern> patterns;

	private final Set<String> methods;

	/**
	 * Create a new matcher.
	 * @param patterns the path patterns, at least one
	 * @param methods the HTTP methods in upper case, or empty for any method; a
	 * {@code GET} also matches {@code HEAD}, as Spring MVC routes {@code HEAD} to
	 * {@code GET} handlers
	 */
	public RouteMatcher(List<PathPattern> patterns, Set<String> methods) {
		if (patterns.isEmpty()) {
			throw new IllegalArgumentException("at least one path pattern is required");
		}
		this.patterns = List.copyOf(patterns);
		this.methods = methods.contains("GET") ? union(methods, "HEAD") : Set.copyOf(methods);
	}

	private static Set<String> union(Set<String> methods, String extra) {
		java.util.HashSet<String> all = new java.util.HashSet<>(methods);
		all.add(extra);
		return Set.copyOf(all);
	}

	/**
	 * Whether the request matches.
	 * @param path the request's path within the application
	 * @param method the request's HTTP method
	 * @return whether both the method and one of the patterns match
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

	public List<String> getPatterns() {
		return this.patterns.stream().map(PathPattern::getPatternString).toList();
	}

	public Set<String> getMethods() {
		return this.methods;
	}

	@Override
	public String toString() {
		return (this.methods.isEmpty() ? "" : this.methods + " ") + getPatterns();
	}

}
