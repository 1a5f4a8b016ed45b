package dev.tollgate.rule;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The route of one handler method's mapping, matched as Spring MVC chooses handlers: a
 * request is on it when the mapping's pattern and methods match and no more specific
 * mapping of another handler matches too (which Spring MVC would choose instead). The
 * more specific mappings are found once, at start-up.
 */
public final class HandlerRoute implements RouteMatcher {

	private final PathPattern pattern;

	private final Set<String> methods;

	private final List<PathPatternRoute> moreSpecific;

	/**
	 * Create a new route.
	 * @param pattern one path pattern of the handler's mapping
	 * @param methods the mapping's HTTP methods, empty for any
	 * @param moreSpecific the other mappings that Spring MVC prefers where they match
	 */
	public HandlerRoute(PathPattern pattern, Set<String> methods, List<PathPatternRoute> moreSpecific) {
		this.pattern = pattern;
		this.methods = PathPatternRoute.withHeadForGet(methods);
		this.moreSpecific = List.copyOf(moreSpecific);
	}

	@Override
	public boolean matches(PathContainer path, String method) {
		if ((!this.methods.isEmpty() && !this.methods.contains(method)) || !this.pattern.matches(path)) {
			return false;
		}
		for (PathPatternRoute other : this.moreSpecific) {
			if (other.matches(path, method)) {
				return false;
			}
		}
		return true;
	}

	@Override
	public List<String> describe() {
		String prefix = this.methods.isEmpty() ? "" : String.join(",", new TreeSet<>(this.methods)) + " ";
		return List.of(prefix + this.pattern.getPatternString());
	}

	@Override
	public String toString() {
		return describe().toString();
	}

}
