package dev.tollgate.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.web.method.HandlerMethod;

/**
 * Finds the handler Spring MVC will hand a request to, for the few paths on which which
 * limits apply depends on it: paths that handlers told apart by more than path and
 * method share.
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
	 * No lookup: the handler is never known, so that, where it would matter, limits
	 * apply and exemptions do not.
	 * @return the lookup
	 */
	static HandlerLookup unknown() {
		return (request) -> null;
	}

}
