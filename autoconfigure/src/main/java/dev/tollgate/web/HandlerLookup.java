package dev.tollgate.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.web.method.HandlerMethod;

/**
 * Finds the handler method Spring MVC will hand a request to, for the few paths on which
 * which limits apply depends on it: paths that handlers told apart by more than path and
 * method share.
 */
@FunctionalInterface
public interface HandlerLookup {

	/**
	 * The handler method of a request.
	 * @param request the request, left as it was found
	 * @return the handler method, or {@code null} if none or not known
	 */
	@Nullable HandlerMethod handlerOf(HttpServletRequest request);

	/**
	 * No lookup: the handler is never known, so that, where it would matter, limits
	 * apply and exemptions do not.
	 * @return the lookup
	 */
	static HandlerLookup unknown() {
		return (request) -> null;
	}

}
