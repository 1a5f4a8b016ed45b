package dev.tollgate.web;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.tollgate.rule.PathPatternRoute;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The paths and methods of the requests that functional endpoints may take, read from
 * their router function's predicates: wider than theirs wherever those cannot be told.
 * <ul>
 * <li>A path or method predicate narrows a route; every other predicate (headers,
 * params, a version, a predicate of the application's own) matches every request, and
 * so does a negated one.</li>
 * <li>Of two predicates that must both match, each narrows, and a nest by both takes
 * one's path after the other's; of two alternatives, either may match.</li>
 * <li>A nested router's paths follow its prefix's. A nest by a predicate of the
 * application's own, which may change the path its routes see, takes every path.</li>
 * <li>Resources, and router functions of an unknown kind, take every path under their
 * prefix.</li>
 * </ul>
 */
final class FunctionalEndpointRoutes implements RouterFunctions.Visitor {

	/**
	 * Beyond this many alternatives in one predicate, or in one route under its nests, it
	 * is taken to match every request.
	 */
	private static final int MOST_ALTERNATIVES = 256;

	/**
	 * The reach of a nest by a predicate of the application's own, whose routes may see
	 * any path and method: every request.
	 */
	private static final List<Reach> ANYTHING = List.of(Reach.ANY);

	private final Function<String, PathPattern> parser;

	/** The nests the visit is in, innermost first, each with its outer ones' reach. */
	private final Deque<List<Reach>> nests = new ArrayDeque<>();

	private final List<PathPatternRoute> routes = new ArrayList<>();

	private FunctionalEndpointRoutes(Function<String, PathPattern> parser) {
		this.parser = parser;
	}

	/**
	 * The routes of the requests a router function may take.
	 * @param routerFunction the router function
	 * @param parser how to parse a path pattern, as widely as the application may match
	 * it (in any case); it returns a pattern matching every path for one it cannot parse
	 * @return the routes
	 */
	static List<PathPatternRoute> of(RouterFunction<?> routerFunction, Function<String, PathPattern> parser) {
		FunctionalEndpointRoutes visitor = new FunctionalEndpointRoutes(parser);
		routerFunction.accept(visitor);
		return List.copyOf(visitor.routes);
	}

	@Override
	public void startNested(RequestPredicate predicate) {
		PredicateReach reach = PredicateReach.of(predicate, true);
		this.nests.push(reach.unknown ? ANYTHING : combined(current(), reach.alternatives, false));
	}

	@Override
	public void endNested(RequestPredicate predicate) {
		this.nests.pop();
	}

	@Override
	public void route(RequestPredicate predicate, HandlerFunction<?> handlerFunction) {
		add(combined(current(), PredicateReach.of(predicate, false).alternatives, true));
	}

	@Override
	public void resources(Function<ServerRequest, Optional<Resource>> lookupFunction) {
		add(combined(current(), List.of(Reach.ANY), true));
	}

	@Override
	public void attributes(Map<String, Object> attributes) {
	}

	@Override
	public void unknown(RouterFunction<?> routerFunction) {
		add(combined(current(), List.of(Reach.ANY), true));
	}

	private List<Reach> current() {
		List<Reach> current = this.nests.peek();
		return (current != null) ? current : List.of(Reach.TOP);
	}

	private void add(List<Reach> reaches) {
		for (Reach reach : reaches) {
			PathPattern pattern = this.parser.apply((reach.pattern() != null) ? reach.pattern() : "/**");
			this.routes.add(new PathPatternRoute(List.of(pattern), (reach.methods() != null) ? reach.methods() : Set.of()));
		}
	}

	/**
	 * The reach of a predicate inside nests: its path pattern follows the one the nests
	 * took from the start of the path, and a route without one takes whatever follows.
	 * @param outer the nests' reach
	 * @param inner the predicate's
	 * @param route whether the predicate routes requests, or nests more routes
	 */
	private static List<Reach> combined(List<Reach> outer, List<Reach> inner, boolean route) {
		if (outer == ANYTHING) {
			return route ? List.of(Reach.ANY) : outer;
		}
		List<Reach> reaches = new ArrayList<>();
		for (Reach prefix : outer) {
			for (Reach predicate : inner) {
				Set<String> methods = Reach.bothMethods(prefix.methods(), predicate.methods());
				if (methods == null || !methods.isEmpty()) {
					reaches.add(new Reach(prefix.followedBy(predicate.pattern(), route), methods));
				}
			}
		}
		if (reaches.size() > MOST_ALTERNATIVES) {
			return route ? List.of(Reach.ANY) : ANYTHING;
		}
		return reaches;
	}

	/**
	 * What requests a predicate, or the routes under a nest, may match: a path pattern,
	 * {@code null} for every path, and HTTP methods, {@code null} for any.
	 */
	record Reach(@Nullable String pattern, @Nullable Set<String> methods) {

		/** Every request, on every path. */
		static final Reach ANY = new Reach(null, null);

		/** Outside any nest: a predicate's path is matched against the whole path. */
		static final Reach TOP = new Reach("", null);

		/**
		 * The path pattern of a predicate inside a nest of this reach: its own after the
		 * nest's. A nest without one leaves the path its routes see as it was, and a
		 * route without one takes every path under the nest's.
		 */
		@Nullable String followedBy(@Nullable String inner, boolean route) {
			if (this.pattern == null) {
				return null;
			}
			if (inner == null) {
				return !route ? this.pattern : this.pattern.isEmpty() ? null : joined(this.pattern, "/**");
			}
			return joined(this.pattern, inner);
		}

		/** One pattern after another, with one slash between them where both have one. */
		private static String joined(String first, String second) {
			return (first.endsWith("/") && second.startsWith("/")) ? first + second.substring(1) : first + second;
		}

		/** The methods both of two sets allow, {@code null} standing for any. */
		static @Nullable Set<String> bothMethods(@Nullable Set<String> first, @Nullable Set<String> second) {
			if (first == null || second == null) {
				return (first != null) ? first : second;
			}
			Set<String> both = new HashSet<>(first);
			both.retainAll(second);
			return both;
		}

		/**
		 * Both of two reaches, {@code null} if they allow no method in common. A request
		 * must match both paths; a nest takes one after the other from the start of the
		 * path, as {@code RequestPredicate.and(...).nest(...)} does.
		 */
		@Nullable Reach and(Reach other, boolean nest) {
			Set<String> methods = bothMethods(this.methods, other.methods);
			if (methods != null && methods.isEmpty()) {
				return null;
			}
			if (this.pattern == null || other.pattern == null) {
				return new Reach((this.pattern != null) ? this.pattern : other.pattern, methods);
			}
			return new Reach(nest ? joined(this.pattern, other.pattern) : this.pattern, methods);
		}

	}

	/**
	 * Reads a request predicate into the alternatives it may match, keeping a stack of
	 * the operands of the compositions ({@code and}, {@code or}, {@code negate}) being
	 * read.
	 */
	private static final class PredicateReach implements RequestPredicates.Visitor {

		private final Deque<List<List<Reach>>> operands = new ArrayDeque<>();

		private final boolean nest;

		private boolean unknown;

		private List<Reach> alternatives = List.of(Reach.ANY);

		private PredicateReach(boolean nest) {
			this.nest = nest;
			this.operands.push(new ArrayList<>());
		}

		/**
		 * The reach of a predicate.
		 * @param predicate the predicate
		 * @param nest whether it nests routes, taking its paths from the start of the
		 * request's, or routes requests, matching the whole path
		 */
		static PredicateReach of(RequestPredicate predicate, boolean nest) {
			PredicateReach reach = new PredicateReach(nest);
			predicate.accept(reach);
			List<List<Reach>> read = reach.operands.getLast();
			reach.alternatives = (reach.operands.size() == 1 && read.size() == 1) ? read.get(0) : List.of(Reach.ANY);
			reach.unknown |= reach.operands.size() != 1 || read.size() != 1;
			return reach;
		}

		@Override
		public void method(Set<HttpMethod> methods) {
			Set<String> names = new HashSet<>();
			methods.forEach((method) -> names.add(method.name()));
			operand(List.of(new Reach(null, names)));
		}

		@Override
		public void path(String pattern) {
			operand(List.of(new Reach(pattern, null)));
		}

		@Override
		public void pathExtension(String extension) {
			operand(List.of(Reach.ANY));
		}

		@Override
		public void header(String name, String value) {
			operand(List.of(Reach.ANY));
		}

		@Override
		public void param(String name, String value) {
			operand(List.of(Reach.ANY));
		}

		@Override
		public void version(String version) {
			operand(List.of(Reach.ANY));
		}

		@Override
		public void startAnd() {
			this.operands.push(new ArrayList<>());
		}

		@Override
		public void and() {
		}

		@Override
		public void endAnd() {
			List<Reach> all = List.of(Reach.ANY);
			for (List<Reach> operand : this.operands.pop()) {
				List<Reach> both = new ArrayList<>();
				for (Reach left : all) {
					for (Reach right : operand) {
						Reach reach = left.and(right, this.nest);
						if (reach != null) {
							both.add(reach);
						}
					}
				}
				all = both;
			}
			operand(all);
		}

		@Override
		public void startOr() {
			this.operands.push(new ArrayList<>());
		}

		@Override
		public void or() {
		}

		@Override
		public void endOr() {
			List<Reach> either = new ArrayList<>();
			this.operands.pop().forEach(either::addAll);
			operand(either);
		}

		@Override
		public void startNegate() {
			this.operands.push(new ArrayList<>());
		}

		@Override
		public void endNegate() {
			this.operands.pop();
			operand(List.of(Reach.ANY));
		}

		@Override
		public void unknown(RequestPredicate predicate) {
			this.unknown = true;
			operand(List.of(Reach.ANY));
		}

		private void operand(List<Reach> alternatives) {
			List<List<Reach>> current = this.operands.peek();
			if (current == null) {
				this.unknown = true;
				return;
			}
			current.add((alternatives.size() <= MOST_ALTERNATIVES) ? alternatives : List.of(Reach.ANY));
		}

	}

}
