package dev.tollgate.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.tollgate.rule.PathPatternRoute;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.web.servlet.function.RequestPredicates.DELETE;
import static org.springframework.web.servlet.function.RequestPredicates.GET;
import static org.springframework.web.servlet.function.RequestPredicates.POST;
import static org.springframework.web.servlet.function.RequestPredicates.accept;
import static org.springframework.web.servlet.function.RequestPredicates.param;
import static org.springframework.web.servlet.function.RequestPredicates.path;

/**
 * The routes read from functional endpoints' predicates: exactly theirs where the
 * predicates tell paths and methods, wider where they cannot, and never narrower than
 * the requests the router function takes.
 */
class FunctionalEndpointRoutesTests {

	private static final HandlerFunction<ServerResponse> OK = (request) -> ServerResponse.ok().build();

	private static final List<String> PATHS = List.of("/", "/fn/special", "/FN/Special", "/fn/special/", "/fn/1",
			"/api/v1/users", "/api/v1/users/", "/api/v1", "/api/v1/x/9", "/api/x/9", "/api", "/a", "/b", "/c",
			"/neg", "/other", "/static/app.css", "/in", "/in/deeper", "/f", "/opt/a/b", "/slash/x", "/slash//x", "/slash/",
			"/slash", "/a/b/x", "/a/x", "/b/x");

	private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

	@Test
	void aRouteTakesItsOwnPathAndMethodOnly() {
		RouterFunction<ServerResponse> routes = RouterFunctions.route().GET("/fn/special", OK).build();
		assertThat(described(routes)).containsExactly("GET,HEAD /fn/special");
		assertThat(mayTake(routes, "/fn/special", "GET")).isTrue();
		assertThat(mayTake(routes, "/FN/SPECIAL", "GET")).as("any case, as a parser may be set up").isTrue();
		assertThat(mayTake(routes, "/fn/1", "GET")).isFalse();
		assertThat(mayTake(routes, "/fn/special", "POST")).isFalse();
		assertTakesNoMoreThanRead(routes);
	}

	@Test
	void nestedRoutesFollowTheirPrefix() {
		RouterFunction<ServerResponse> routes = RouterFunctions.route()
			.path("/api/{version}", (api) -> api.GET("/users", OK)
				.POST("", OK)
				.nest(accept(MediaType.APPLICATION_JSON), (json) -> json.DELETE("/x/{id}", OK))
				.route(param("all", "yes"), OK))
			.build();
		assertThat(described(routes)).containsExactly("GET,HEAD /api/{version}/users", "POST /api/{version}",
				"DELETE /api/{version}/x/{id}", "/api/{version}/**");
		assertThat(mayTake(routes, "/api/v1/x/9", "DELETE")).isTrue();
		assertThat(mayTake(routes, "/api/x/9", "DELETE")).as("a version x, all=yes").isTrue();
		assertThat(mayTake(routes, "/api/v1/users", "PUT")).as("all=yes").isTrue();
		assertThat(mayTake(routes, "/api", "POST")).isFalse();
		assertThat(mayTake(routes, "/other", "GET")).isFalse();
		assertTakesNoMoreThanRead(routes);
	}

	@Test
	void eitherOfTwoPredicatesMayMatchAndBothNarrow() {
		RouterFunction<ServerResponse> routes = RouterFunctions.route(GET("/a").or(POST("/b")), OK)
			.and(RouterFunctions.route(GET("/c").and(param("x", "1")), OK))
			.and(RouterFunctions.route(GET("/c").and(POST("/c")), OK))
			.and(RouterFunctions.route(DELETE("/opt/{a}/{b}").and(accept(MediaType.TEXT_PLAIN)), OK));
		assertThat(described(routes)).containsExactly("GET,HEAD /a", "POST /b", "GET,HEAD /c",
				"DELETE /opt/{a}/{b}");
		assertTakesNoMoreThanRead(routes);
	}

	@Test
	void whatCannotBeToldTakesEveryPath() {
		RequestPredicate own = (request) -> request.headers().firstHeader("X-Own") != null;
		RouterFunction<ServerResponse> negated = RouterFunctions.route(path("/neg").negate(), OK);
		RouterFunction<ServerResponse> ownPredicate = RouterFunctions.route(own, OK);
		RouterFunction<ServerResponse> ownNest = RouterFunctions.nest(own, RouterFunctions.route(GET("/in"), OK));
		RouterFunction<ServerResponse> resources = RouterFunctions.resources("/static/**",
				new ClassPathResource("static/"));
		RouterFunction<ServerResponse> lookedUp = RouterFunctions.resources((request) -> request.path()
			.startsWith("/static/") ? Optional.of(new ByteArrayResource(new byte[1])) : Optional.empty());
		assertThat(described(negated)).containsExactly("/**");
		assertThat(described(ownPredicate)).containsExactly("/**");
		assertThat(described(ownNest)).as("a predicate of its own may change the path nested routes see")
			.containsExactly("/**");
		assertThat(described(resources)).containsExactly("/**");
		assertThat(described(lookedUp)).containsExactly("/**");
		assertThat(described(RouterFunctions.route(own.and(GET("/in")), OK))).as("narrowed by the path it must match")
			.containsExactly("GET,HEAD /in");
		for (RouterFunction<ServerResponse> routes : List.of(negated, ownPredicate, ownNest, lookedUp)) {
			assertTakesNoMoreThanRead(routes);
		}
	}

	@Test
	void aPrefixEndingInASlashIsFollowedWithoutAnother() {
		RouterFunction<ServerResponse> routes = RouterFunctions.route()
			.path("/slash/", (slash) -> slash.GET("/x", OK).route(param("all", "yes"), OK))
			.build();
		assertThat(described(routes)).containsExactly("GET,HEAD /slash/x", "/slash/**");
		assertTakesNoMoreThanRead(routes);
	}

	@Test
	void aNestByTwoPathsTakesOneAfterTheOther() {
		RouterFunction<ServerResponse> routes = RouterFunctions.nest(path("/a").and(path("/b")),
				RouterFunctions.route(GET("/x"), OK));
		assertThat(described(routes)).containsExactly("GET,HEAD /a/b/x");
		assertTakesNoMoreThanRead(routes);
	}

	@Test
	void filtersAndAttributesLeaveTheRoutesAsTheyAre() {
		RouterFunction<ServerResponse> routes = RouterFunctions.route()
			.GET("/f", OK)
			.withAttribute("name", "value")
			.filter((request, next) -> next.handle(request))
			.build();
		assertThat(described(routes)).containsExactly("GET,HEAD /f");
		assertTakesNoMoreThanRead(routes);
	}

	@Test
	void routesInNestsOfDifferentMethodsTakeNothing() {
		RouterFunction<ServerResponse> routes = RouterFunctions.route()
			.nest(org.springframework.web.servlet.function.RequestPredicates.method(
					org.springframework.http.HttpMethod.POST), (posts) -> posts.GET("/never", OK).POST("/in", OK))
			.build();
		assertThat(described(routes)).containsExactly("POST /in");
		assertTakesNoMoreThanRead(routes);
	}

	private static List<String> described(RouterFunction<?> routerFunction) {
		List<String> described = new ArrayList<>();
		routes(routerFunction).forEach((route) -> described.addAll(route.describe()));
		return described;
	}

	private static List<PathPatternRoute> routes(RouterFunction<?> routerFunction) {
		return FunctionalEndpointRoutes.of(routerFunction, HandlerMappingRoutes::parse);
	}

	private static boolean mayTake(RouterFunction<?> routerFunction, String path, String method) {
		PathContainer parsed = PathContainer.parsePath(path);
		return routes(routerFunction).stream().anyMatch((route) -> route.matches(parsed, method));
	}

	/**
	 * Every request the router function routes, of many paths, methods, parameters and
	 * headers, is on a route read from it.
	 */
	private static void assertTakesNoMoreThanRead(RouterFunction<ServerResponse> routerFunction) {
		int taken = 0;
		for (String path : PATHS) {
			for (String method : METHODS) {
				for (int variant = 0; variant < 4; variant++) {
					MockHttpServletRequest request = new MockHttpServletRequest(method, path);
					if ((variant & 1) != 0) {
						request.setParameter("all", "yes");
						request.setParameter("x", "1");
					}
					request.addHeader("Accept", ((variant & 2) != 0) ? "application/json" : "text/plain");
					if (variant == 3) {
						request.addHeader("X-Own", "1");
					}
					Optional<?> handler = routerFunction.route(ServerRequest.create(request, List.of()));
					if (handler.isPresent()) {
						taken++;
						assertThat(mayTake(routerFunction, path, method)).as("%s %s (variant %d)", method, path, variant)
							.isTrue();
					}
				}
			}
		}
		assertThat(taken).as("requests the router function takes").isPositive();
	}

}
