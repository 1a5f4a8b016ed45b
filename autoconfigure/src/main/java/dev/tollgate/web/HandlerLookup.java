package dev.tollgate.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.web.method.HandlerMethod;

/**
 * Finds the handler Spring MVC will hand a request to, for the few paths on which which
 * limits apply depends on it: paths that handlers told apart by more than path and
 * method share, and annotated handlers' paths that handlers asked first may take.
 */
@FunctionalInterface
public interface HandlerLookup {

	/**
	 * The handler of a request.
	 * @param request the request, left as it was found
	 * @return the handler, of any kind (a {@link HandlerMethod} for an annotated
	 * controller), or {@code null} if none or not known
	 */
	@Nullable Object handlerOf(HttpServletRequest request);

	/**
	 * Whether a handler that Spring MVC asks before annotated controllers (a functional
	 * endpoint, an Actuator endpoint) may take a request of the given path and method,
	 * so that an annotated limit or exemption there applies only if the request's handler
	 * is its own.
	 * @param path the request's path within the application
	 * @param method the request's HTTP method
	 * @return {@code true} if such a handler may take it; by default {@code false}
	 */
	default boolean mayBeTakenFirst(PathContainer path, String method) {
		return false;
	}

	/**
	 * No lookup: the handler is never known, so that, where it would matter, limits
	 * apply and exemptions do not.
	 * @return the lookup
	 */
	static HandlerLookup unknown() {
		return (request) -> null;
	}

}
