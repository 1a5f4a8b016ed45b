package dev.tollgate.rule;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The route of one handler method's mapping, matched as Spring MVC chooses handlers: a
 * request is on it when the mapping's pattern and methods match and none of the other
 * handlers' mappings it leaves out matches too. For a limit, those are the mappings
 * Spring MVC surely chooses instead; for an exemption, every mapping that may take the
 * request. They are found once, at start-up.
 */
public final class HandlerRoute implements RouteMatcher {

	private final PathPattern pattern;

	private final Set<String> methods;

	private final List<PathPatternRoute> excluded;

	/**
	 * Create a new route.
	 * @param pattern one path pattern of the handler's mapping
	 * @param methods the mapping's HTTP methods, empty for any
	 * @param excluded the other handlers' mappings left out of the route where they match
	 */
	public HandlerRoute(PathPattern pattern, Set<String> methods, List<PathPatternRoute> excluded) {
		this.pattern = pattern;
		this.methods = PathPatternRoute.withHeadForGet(methods);
		this.excluded = List.copyOf(excluded);
	}

	@Override
	public boolean matches(PathContainer path, String method) {
		if ((!this.methods.isEmpty() && !this.methods.contains(method)) || !this.pattern.matches(path)) {
			return false;
		}
		for (PathPatternRoute other : this.excluded) {
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
