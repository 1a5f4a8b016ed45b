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
 * {@code GET}), whatever their patterns, and for {@code OPTIONS} requests, which only
 * mappings that name {@code OPTIONS} take.
 */
public final class HandlerRoute implements RouteMatcher {

	private final PathPattern pattern;

	private final Set<String> methods;

	private final RouteMatch ifHandledByHandler;

	private final RouteMatch surelyOfHandler;

	private final boolean exact;

	private final Rivals rivals;

	private final Rivals rivalsOnHead;

	private final Rivals rivalsOnOptions;

	/**
	 * Create a new route.
	 * @param pattern one path pattern of the handler's mapping, or a wider one that stands
	 * for it
	 * @param methods the mapping's HTTP methods, empty for any but {@code OPTIONS}, which
	 * Spring MVC answers itself unless a mapping names it
	 * @param handler the handler method
	 * @param exact whether the pattern is the mapping's own; if not, every request it
	 * matches is on the route only if Spring MVC hands it to the handler
	 * @param rivals the other handlers' mappings that Spring MVC may choose instead
	 * @param rivalsOnHead the same for {@code HEAD} requests
	 * @param rivalsOnOptions the same for {@code OPTIONS} requests
	 */
	public HandlerRoute(PathPattern pattern, Set<String> methods, HandlerMethod handler, boolean exact, Rivals rivals,
			Rivals rivalsOnHead, Rivals rivalsOnOptions) {
		this.pattern = pattern;
		this.methods = PathPatternRoute.withHeadForGet(methods);
		this.ifHandledByHandler = RouteMatch.ifHandledBy(handler);
		this.surelyOfHandler = RouteMatch.surelyOf(handler);
		this.exact = exact;
		this.rivals = rivals;
		this.rivalsOnHead = rivalsOnHead;
		this.rivalsOnOptions = rivalsOnOptions;
	}

	@Override
	public RouteMatch match(PathContainer path, String method) {
		boolean methodMatches = this.methods.isEmpty() ? !"OPTIONS".equals(method) : this.methods.contains(method);
		if (!methodMatches || !this.pattern.matches(path)) {
			return RouteMatch.NONE;
		}
		Rivals rivals = switch (method) {
			case "HEAD" -> this.rivalsOnHead;
			case "OPTIONS" -> this.rivalsOnOptions;
			default -> this.rivals;
		};
		for (PathPatternRoute other : rivals.preferred()) {
			if (other.matches(path, method)) {
				return RouteMatch.NONE;
			}
		}
		if (!this.exact) {
			return this.ifHandledByHandler;
		}
		for (PathPatternRoute other : rivals.contenders()) {
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

	/**
	 * The other handlers' mappings that may take a request on a route instead.
	 * @param preferred those that Spring MVC surely chooses instead where they match
	 * @param contenders those that Spring MVC may choose instead where they match
	 */
	public record Rivals(List<PathPatternRoute> preferred, List<PathPatternRoute> contenders) {

		public Rivals {
			preferred = List.copyOf(preferred);
			contenders = List.copyOf(contenders);
		}

	}

}
