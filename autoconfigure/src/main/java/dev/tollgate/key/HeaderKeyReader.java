package dev.tollgate.key;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Reads a request header as a key: its value, stripped of surrounding whitespace and
 * hashed, since a header key is usually a credential. {@link #servlet()} reads it
 * through the Servlet API; a server that holds its headers as bytes may have them read
 * straight from those (Tomcat's, {@code dev.tollgate.web.tomcat.TomcatHeaderKeyReader}),
 * giving the same key without making the value's string.
 */
@FunctionalInterface
public interface HeaderKeyReader {

	/**
	 * The key a header gives.
	 * @param request the request
	 * @param name the header's name
	 * @param hasher the hasher of the value
	 * @return the hashed value of the header's first occurrence, or {@code null} when the
	 * request has none or it is blank
	 */
	@Nullable String read(HttpServletRequest request, String name, KeyHasher hasher);

	/**
	 * Read through the Servlet API, as any server serves it.
	 * @return the reader
	 */
	static HeaderKeyReader servlet() {
		return (request, name, hasher) -> {
			String value = request.getHeader(name);
			return (value == null || value.isBlank()) ? null : hasher.hash(value.strip());
		};
	}

	/**
	 * {@link Character#isWhitespace(char)} of the ISO-8859-1 character a byte stands for,
	 * as {@link String#strip()} and {@link String#isBlank()} test it: tab to carriage
	 * return, the four separators and space (not the no-break space). For readers that
	 * strip a value held as bytes.
	 * @param latin1 the byte
	 * @return whether its character is whitespace
	 */
	static boolean isWhitespace(byte latin1) {
		return (latin1 >= '\t' && latin1 <= '\r') || (latin1 >= 0x1c && latin1 <= ' ');
	}

}
