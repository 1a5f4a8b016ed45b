package dev.tollgate.web;

/**
 * Where the rate-limit headers of one response are written.
 */
@FunctionalInterface
public interface ResponseHeaders {

	/**
	 * Set a header, replacing any value it had. Ignored once the response is committed.
	 * @param name the header's name
	 * @param value its value, in ASCII
	 */
	void set(String name, String value);

}
