package dev.tollgate.rule;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.web.method.HandlerMethod;

/**
 * Whether a request is on a route: surely, surely not, or only if Spring MVC hands it
 * to one of some handler methods. That last answer is for the few paths on which
 * handlers are told apart by more than path and method (params, headers, consumes,
 * produces, a version), or by a pattern only an {@code AntPathMatcher} reads.
 */
public final class RouteMatch {

	/** Not on the route. */
	public static final RouteMatch NONE = new RouteMatch(List.of());

	/** On the route whichever handler takes the request. */
	public static final RouteMatch ALL = new RouteMatch(List.of());

	private final List<HandlerMethod> handlers;

	private RouteMatch(List<HandlerMethod> handlers) {
		this.handlers = handlers;
	}

	/**
	 * On the route if the request goes to the given handler method.
	 * @param handler the handler method, as registered
	 * @return the match
	 */
	public static RouteMatch ifHandledBy(HandlerMethod handler) {
		return new RouteMatch(List.of(handler));
	}

	/**
	 * Whether the answer depends on the handler that takes the request.
	 * @return {@code false} for {@link #NONE} and {@link #ALL}
	 */
	public boolean dependsOnHandler() {
		return this != NONE && this != ALL;
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
		return new RouteMatch(List.copyOf(both));
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
		if (this == ALL || this == NONE) {
			return this == ALL;
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
		return (this == ALL) ? "ALL" : (this == NONE) ? "NONE" : "if handled by " + this.handlers;
	}

}
