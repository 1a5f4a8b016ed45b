package dev.tollgate.web.tomcat;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import dev.tollgate.web.ResponseHeaderAccess;
import dev.tollgate.web.ResponseHeaders;
import org.apache.catalina.connector.Response;
import org.apache.tomcat.util.buf.MessageBytes;
import org.apache.tomcat.util.http.MimeHeaders;
import org.jspecify.annotations.Nullable;

/**
 * Writes the rate-limit headers on Tomcat as bytes, straight into the response's
 * header list, rather than as strings through the Servlet API.
 * <p>
 * Tomcat turns every header name and value it was given as a string into bytes
 * with a new {@code CharsetEncoder} when it sends the response. For a small response
 * that makes each header cost about 2% of the request. Headers given as bytes are sent
 * as they are, so this access encodes them once, with the JDK's Latin-1 fast path,
 * and replaces control characters with spaces as Tomcat does.
 * <p>
 * It only does so for the response Tomcat itself handed to the application, which the
 * {@link TomcatExchange exchange}'s valve remembers for the thread serving a request:
 * the filter's response must be that response's own facade, or
 * wrappers of it that hand {@code setHeader} on unchanged (such as Spring Security's,
 * which only watch the body and {@code addHeader}). A wrapper that overrides
 * {@code setHeader} may want to see the headers, so then they take the Servlet API.
 * Either way the headers are the same.
 */
public final class TomcatResponseHeaderAccess implements ResponseHeaderAccess {

	private final TomcatExchange exchange;

	private final ResponseHeaderAccess servlet = ResponseHeaderAccess.servlet();

	/**
	 * An access to the responses an exchange's valve remembers.
	 * @param exchange the exchange
	 */
	public TomcatResponseHeaderAccess(TomcatExchange exchange) {
		this.exchange = exchange;
	}

	@Override
	public ResponseHeaders of(HttpServletResponse response) {
		Response served = this.exchange.response(response);
		return (served != null) ? new CoyoteHeaders(served) : this.servlet.of(response);
	}

	/**
	 * The headers of the response Tomcat serves, written as {@code Response.setHeader}
	 * writes a name that is not special to Tomcat.
	 */
	private static final class CoyoteHeaders implements ResponseHeaders {

		private final Response response;

		CoyoteHeaders(Response response) {
			this.response = response;
		}

		@Override
		public void set(String name, String value) {
			MessageBytes field = replace(name);
			if (field != null) {
				byte[] bytes = withoutControlCharacters(value.getBytes(StandardCharsets.ISO_8859_1));
				field.setBytes(bytes, 0, bytes.length);
			}
		}

		/** As Tomcat writes {@code Content-Length}: digits straight into the field. */
		@Override
		public void set(String name, long value) {
			MessageBytes field = replace(name);
			if (field != null) {
				field.setLong(value);
			}
		}

		/**
		 * The value field of a new header of that name, the old ones removed; none
		 * once the response is committed. The name gets a fresh array: Tomcat reuses
		 * a recycled header's buffer for later values.
		 */
		private @Nullable MessageBytes replace(String name) {
			if (this.response.isCommitted()) {
				return null;
			}
			MimeHeaders headers = this.response.getCoyoteResponse().getMimeHeaders();
			headers.removeHeader(name);
			byte[] nameBytes = name.getBytes(StandardCharsets.ISO_8859_1);
			return headers.addValue(nameBytes, 0, nameBytes.length);
		}

		/** What Tomcat does to a value it encodes itself: no CR, LF or other control. */
		private static byte[] withoutControlCharacters(byte[] value) {
			for (int i = 0; i < value.length; i++) {
				byte b = value[i];
				if ((b >= 0 && b < 32 && b != '\t') || b == 127) {
					value[i] = ' ';
				}
			}
			return value;
		}

	}

}
