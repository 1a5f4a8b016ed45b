package dev.tollgate.web;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Headers written through the Servlet API, on any server.
 */
final class ServletResponseHeaders implements ResponseHeaders {

	private final HttpServletResponse response;

	ServletResponseHeaders(HttpServletResponse response) {
		this.response = response;
	}

	@Override
	public void set(String name, String value) {
		this.response.setHeader(name, value);
	}

	@Override
	public void set(String name, long value) {
		this.response.setHeader(name, Long.toString(value));
	}

}
