package dev.tollgate.web;

import jakarta.servlet.http.HttpServletResponse;

/**
 * How the filter reaches a response's headers: through the Servlet API, or more
 * directly where the server offers a cheaper way that behaves the same.
 */
@FunctionalInterface
public interface ResponseHeaderAccess {

	/**
	 * The headers of a response.
	 * @param response the response the filter was given
	 * @return where its headers are written
	 */
	ResponseHeaders of(HttpServletResponse response);

	/**
	 * Headers written with {@link HttpServletResponse#setHeader}, on any server.
	 * @return the access through the Servlet API
	 */
	static ResponseHeaderAccess servlet() {
		return ServletResponseHeaders::new;
	}

}
