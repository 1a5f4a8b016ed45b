package dev.tollgate.rule;

import java.util.List;

import org.springframework.http.server.PathContainer;

/**
 * Says whether a request is on a route: by path pattern and HTTP method, on the path
 * that Spring MVC parses and routes on.
 */
public interface RouteMatcher {

	/**
	 * Whether the request is on this route.
	 * @param path the request's path within the application
	 * @param method the request's HTTP method
	 * @return whether it matches, which for a handler's route may depend on the handler
	 * Spring MVC chooses
	 */
	RouteMatch match(PathContainer path, String method);

	/**
	 * The route as people write it, such as {@code POST /v1/token}, for diagnostics.
	 * @return one line per path pattern
	 */
	List<String> describe();

	/**
	 * A route matching any of several routes.
	 * @param routes the routes
	 * @return a route that matches when one of them does
	 */
	static RouteMatcher anyOf(List<? extends RouteMatcher> routes) {
		if (routes.size() == 1) {
			return routes.get(0);
		}
		List<RouteMatcher> copy = List.copyOf(routes);
		return new RouteMatcher() {

			@Override
			public RouteMatch match(PathContainer path, String method) {
				RouteMatch match = RouteMatch.NONE;
				for (RouteMatcher route : copy) {
					match = match.or(route.match(path, method));
					if (match == RouteMatch.ALL) {
						break;
					}
				}
				return match;
			}

			@Override
			public List<String> describe() {
				return copy.stream().flatMap((route) -> route.describe().stream()).toList();
			}

		};
	}

}
