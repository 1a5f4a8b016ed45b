package dev.tollgate.rule;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.http.server.PathContainer;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The route of one handler method's mapping, matched as Spring MVC chooses handlers. A
 * request is on it when the mapping's pattern and methods match and no mapping that
 * Spring MVC surely prefers does. Where another handler's mapping matches too that
 * Spring MVC may or may not prefer, telling them apart by more than path and method, the
 * request is on the route only if Spring MVC hands it to this route's handler. Which
 * mappings are which is found once, at start-up, and apart for {@code HEAD} requests,
 * which Spring MVC hands first to mappings that name their method ({@code HEAD}, then
 * {@code GET}), whatever their patterns.
 */
public final class HandlerRoute implements RouteMatcher {

	private final PathPattern pattern;

	private final Set<String> methods;

	private final RouteMatch ifHandledByHandler;

	private final RouteMatch surelyOfHandler;

	private final boolean exact;

	private final List<PathPatternRoute> preferred;

	private final List<PathPatternRoute> contenders;

	private final List<PathPatternRoute> preferredOnHead;

	private final List<PathPatternRoute> contendersOnHead;

	/**
	 * Create a new route.
	 * @param pattern one path pattern of the handler's mapping, or a wider one that stands
	 * for it
	 * @param methods the mapping's HTTP methods, empty for any
	 * @param handler the handler method
	 * @param exact whether the pattern is the mapping's own; if not, every request it
	 * matches is on the route only if Spring MVC hands it to the handler
	 * @param preferred the other handlers' mappings that Spring MVC surely chooses
	 * instead where they match
	 * @param contenders the other handlers' mappings that Spring MVC may choose instead
	 * where they match
	 */
	public HandlerRoute(PathPattern pattern, Set<String> methods, HandlerMethod handler, boolean exact,
			List<PathPatternRoute> preferred, List<PathPatternRoute> contenders) {
		this(pattern, methods, handler, exact, preferred, contenders, preferred, contenders);
	}

	/**
	 * Create a new route whose rivals differ for {@code HEAD} requests.
	 * @param pattern one path pattern of the handler's mapping, or a wider one that stands
	 * for it
	 * @param methods the mapping's HTTP methods, empty for any
	 * @param handler the handler method
	 * @param exact whether the pattern is the mapping's own; if not, every request it
	 * matches is on the route only if Spring MVC hands it to the handler
	 * @param preferred the other handlers' mappings that Spring MVC surely chooses
	 * instead where they match
	 * @param contenders the other handlers' mappings that Spring MVC may choose instead
	 * where they match
	 * @param preferredOnHead the same for {@code HEAD} requests
	 * @param contendersOnHead the same for {@code HEAD} requests
	 */
	public HandlerRoute(PathPattern pattern, Set<String> methods, HandlerMethod handler, boolean exact,
			List<PathPatternRoute> preferred, List<PathPatternRoute> contenders,
			List<PathPatternRoute> preferredOnHead, List<PathPatternRoute> contendersOnHead) {
		this.pattern = pattern;
		this.methods = PathPatternRoute.withHeadForGet(methods);
		this.ifHandledByHandler = RouteMatch.ifHandledBy(handler);
		this.surelyOfHandler = RouteMatch.surelyOf(handler);
		this.exact = exact;
		this.preferred = List.copyOf(preferred);
		this.contenders = List.copyOf(contenders);
		this.preferredOnHead = List.copyOf(preferredOnHead);
		this.contendersOnHead = List.copyOf(contendersOnHead);
	}

	@Override
	public RouteMatch match(PathContainer path, String method) {
		if ((!this.methods.isEmpty() && !this.methods.contains(method)) || !this.pattern.matches(path)) {
			return RouteMatch.NONE;
		}
		boolean head = "HEAD".equals(method);
		for (PathPatternRoute other : head ? this.preferredOnHead : this.preferred) {
			if (other.matches(path, method)) {
				return RouteMatch.NONE;
			}
		}
		if (!this.exact) {
			return this.ifHandledByHandler;
		}
		for (PathPatternRoute other : head ? this.contendersOnHead : this.contenders) {
			if (other.matches(path, method)) {
				return this.ifHandledByHandler;
			}
		}
		return this.surelyOfHandler;
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
