package dev.tollgate.web.tomcat;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;

import dev.tollgate.key.HeaderKeyReader;
import dev.tollgate.key.KeyHasher;
import org.apache.catalina.connector.Request;
import org.apache.tomcat.util.buf.ByteChunk;
import org.apache.tomcat.util.buf.MessageBytes;
import org.jspecify.annotations.Nullable;

/**
 * Reads a header key on Tomcat straight from the request's bytes, rather than as a
 * string through the Servlet API.
 * <p>
 * Tomcat holds an HTTP/1.1 request's header values as the bytes received and decodes
 * one as ISO-8859-1 when it is first asked for its string, with the JDK's general
 * decoder: a thread-local lookup, two buffers, an array of characters and the string,
 * about 100 bytes and 16 ns per request (BENCHMARKS.md, "Header keys read from
 * Tomcat's bytes"). This reader strips the bytes of surrounding
 * whitespace as {@link String#strip()} would the string and hands them to the hasher,
 * which gives the key it would give the string ({@link KeyHasher#hash(byte[], int, int)}).
 * <p>
 * It does so only for the request Tomcat itself handed to the application (the
 * {@link TomcatExchange exchange}'s), reached through wrappers that hand
 * {@code getHeader} on unchanged. A wrapper that overrides it may change the headers,
 * so then, as for values Tomcat holds as strings (HTTP/2's) or in another charset, the
 * header takes the Servlet API. Either way the key is the same.
 */
public final class TomcatHeaderKeyReader implements HeaderKeyReader {

	private final TomcatExchange exchange;

	private final HeaderKeyReader servlet = HeaderKeyReader.servlet();

	/**
	 * A reader of the requests an exchange's valve remembers.
	 * @param exchange the exchange
	 */
	public TomcatHeaderKeyReader(TomcatExchange exchange) {
		this.exchange = exchange;
	}

	@Override
	public @Nullable String read(HttpServletRequest request, String name, KeyHasher hasher) {
		Request tomcatRequest = this.exchange.request(request);
		if (tomcatRequest == null) {
			return this.servlet.read(request, name, hasher);
		}
		MessageBytes value = tomcatRequest.getCoyoteRequest().getMimeHeaders().getValue(name);
		if (value == null) {
			return null;
		}
		ByteChunk bytes = value.getByteChunk();
		if (value.getType() != MessageBytes.T_BYTES || bytes.getCharset() != StandardCharsets.ISO_8859_1) {
			return this.servlet.read(request, name, hasher);
		}
		byte[] buffer = bytes.getBuffer();
		int start = bytes.getStart();
		int end = bytes.getEnd();
		while (start < end && HeaderKeyReader.isWhitespace(buffer[start])) {
			start++;
		}
		while (end > start && HeaderKeyReader.isWhitespace(buffer[end - 1])) {
			end--;
		}
		return (start < end) ? hasher.hash(buffer, start, end) : null;
	}

}
