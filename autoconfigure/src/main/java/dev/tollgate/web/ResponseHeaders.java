package dev.tollgate.web;

/**
 * Where the rate-limit headers of one response are written. Each call sets a header,
 * replacing any value it had, and is ignored once the response is committed.
 */
public interface ResponseHeaders {

	/**
	 * Set a header to a text value.
	 * @param name the header's name
	 * @param value its value, in ASCII
	 */
	void set(String name, String value);

	/**
	 * Set a header to a number, which a server may write without making a string.
	 * @param name the header's name
	 * @param value its value
	 */
	void set(String name, long value);

}
