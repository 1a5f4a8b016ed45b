package dev.tollgate.rule;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.web.method.HandlerMethod;

/**
 * Whether a request is on a route: surely, surely not, or only if Spring MVC hands it
 * to one of some handler methods. That last answer is for the few paths on which
 * handlers are told apart by more than path and method (params, headers, consumes,
 * produces, a version), or by a pattern only an {@code AntPathMatcher} reads. A sure
 * answer for a handler's route remembers the handler, so that it can be asked for
 * after all where a handler of another kind may take the request first (see
 * {@link #byHandler()}).
 */
public final class RouteMatch {

	/** Not on the route. */
	public static final RouteMatch NONE = new RouteMatch(List.of(), false);

	/** On the route whichever handler takes the request. */
	public static final RouteMatch ALL = new RouteMatch(List.of(), true);

	private final List<HandlerMethod> handlers;

	private final boolean sure;

	private RouteMatch(List<HandlerMethod> handlers, boolean sure) {
		this.handlers = handlers;
		this.sure = sure;
	}

	/**
	 * On the route if the request goes to the given handler method.
	 * @param handler the handler method, as registered
	 * @return the match
	 */
	public static RouteMatch ifHandledBy(HandlerMethod handler) {
		return new RouteMatch(List.of(handler), false);
	}

	/**
	 * Surely on the route of the given handler method, as far as annotated controllers
	 * go: Spring MVC hands the request to it unless a handler of another kind takes it
	 * first.
	 * @param handler the handler method, as registered
	 * @return the match
	 */
	public static RouteMatch surelyOf(HandlerMethod handler) {
		return new RouteMatch(List.of(handler), true);
	}

	/**
	 * Whether the request is surely on the route.
	 * @return {@code true} for {@link #ALL} and {@link #surelyOf}
	 */
	public boolean isSure() {
		return this.sure;
	}

	/**
	 * Whether the answer depends on the handler that takes the request.
	 * @return {@code false} for sure answers and {@link #NONE}
	 */
	public boolean dependsOnHandler() {
		return !this.sure && !this.handlers.isEmpty();
	}

	/**
	 * Whether the request is surely on the route of some handler methods: as far as
	 * annotated controllers go, so that {@link #byHandler()} would change it.
	 * @return {@code true} for {@link #surelyOf} and unions with it, not {@link #ALL}
	 */
	public boolean isSurelyOfHandlers() {
		return this.sure && !this.handlers.isEmpty();
	}

	/**
	 * This match where a handler of another kind may take the request first: a sure
	 * match of handler methods becomes one only if Spring MVC hands it to them. A match
	 * of no handler method (of configured paths) stays as it is.
	 * @return the match
	 */
	public RouteMatch byHandler() {
		return isSurelyOfHandlers() ? new RouteMatch(this.handlers, false) : this;
	}

	/**
	 * This match or another: on the route if either says so.
	 * @param other the other match
	 * @return the union
	 */
	public RouteMatch or(RouteMatch other) {
		if (this == ALL || other == NONE) {
			return this;
		}
		if (other == ALL || this == NONE) {
			return other;
		}
		List<HandlerMethod> both = new ArrayList<>(this.handlers);
		both.addAll(other.handlers);
		return new RouteMatch(List.copyOf(both), this.sure || other.sure);
	}

	/**
	 * Whether a request handled by the given handler is on the route.
	 * @param handler the handler Spring MVC chose, of any kind (a {@link HandlerMethod}
	 * for an annotated controller), or {@code null} if not known
	 * @param ifUnknown the answer when the handler is not known and the answer depends
	 * on it
	 * @return whether the request is on the route
	 */
	public boolean covers(@Nullable Object handler, boolean ifUnknown) {
		if (this.sure || this.handlers.isEmpty()) {
			return this.sure;
		}
		if (handler == null) {
			return ifUnknown;
		}
		if (!(handler instanceof HandlerMethod handlerMethod)) {
			return false;
		}
		for (HandlerMethod candidate : this.handlers) {
			if (candidate.getMethod().equals(handlerMethod.getMethod())
					&& candidate.getBeanType() == handlerMethod.getBeanType()) {
				return true;
			}
		}
		return false;
	}

	@Override
	public String toString() {
		if (this.handlers.isEmpty()) {
			return this.sure ? "ALL" : "NONE";
		}
		return (this.sure ? "surely of " : "if handled by ") + this.handlers;
	}

}
