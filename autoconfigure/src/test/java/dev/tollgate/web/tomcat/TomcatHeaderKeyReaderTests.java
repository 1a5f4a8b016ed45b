package dev.tollgate.web.tomcat;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import dev.tollgate.key.HeaderKeyReader;
import dev.tollgate.key.KeyHasher;
import dev.tollgate.key.PathShowingKeyHasher;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reader on real Catalina and Coyote requests, served through the exchange's valve:
 * the key it reads from the bytes is the one the Servlet API's string gives.
 */
class TomcatHeaderKeyReaderTests {

	private static final KeyHasher SHOWING_PATH = new PathShowingKeyHasher();

	private final TomcatExchange exchange = new TomcatExchange();

	private final TomcatHeaderKeyReader reader = new TomcatHeaderKeyReader(this.exchange);

	private final org.apache.coyote.Request coyoteRequest = new org.apache.coyote.Request();

	private final Request request = new Request(null, this.coyoteRequest);

	private final Response response = new Response(new org.apache.coyote.Response());

	TomcatHeaderKeyReaderTests() {
		this.request.setResponse(this.response);
		this.response.setRequest(this.request);
	}

	@Test
	void readsTheValueFromTheBytesStrippedAsTheServletApiStripsIt() throws Exception {
		received("X-Api-Key", " \tcaf\u00e9-key\u00a0 ");
		assertThat(readInTheValve("X-Api-Key")).isEqualTo("bytes:caf\u00e9-key\u00a0");
		assertThat(readInTheValve("x-api-key")).as("header names ignore case").isEqualTo("bytes:caf\u00e9-key\u00a0");
		assertThat(HeaderKeyReader.servlet().read(this.request.getRequest(), "X-Api-Key", SHOWING_PATH))
			.isEqualTo("string:caf\u00e9-key\u00a0");
	}

	@Test
	void everyCharacterAtEitherEndIsStrippedOrKeptAsStringStripDoes() throws Exception {
		for (int c = 0; c < 256; c++) {
			this.coyoteRequest.getMimeHeaders().recycle();
			String value = (char) c + "k" + (char) c;
			received("X-Api-Key", value);
			assertThat(readInTheValve("X-Api-Key")).as("character %d", c).isEqualTo("bytes:" + value.strip());
		}
	}

	@Test
	void aBlankOrMissingHeaderGivesNoKey() throws Exception {
		received("X-Api-Key", " \t\u001f ");
		assertThat(readInTheValve("X-Api-Key")).isNull();
		assertThat(readInTheValve("Authorization")).isNull();
	}

	@Test
	void wrappersThatHandGetHeaderOnUnchangedAreSeenThrough() throws Exception {
		received("X-Api-Key", "k-1");
		String[] key = new String[1];
		serve((served) -> key[0] = this.reader.read(new HttpServletRequestWrapper(new HttpServletRequestWrapper(served)),
				"X-Api-Key", SHOWING_PATH));
		assertThat(key[0]).isEqualTo("bytes:k-1");
	}

	@Test
	void aWrapperThatOverridesGetHeaderIsAskedForTheValue() throws Exception {
		received("X-Api-Key", "k-1");
		String[] key = new String[1];
		serve((served) -> key[0] = this.reader.read(new RenamingWrapper(served), "X-Api-Key", SHOWING_PATH));
		assertThat(key[0]).isEqualTo("string:k-1-renamed");
	}

	@Test
	void aValueTomcatHoldsAsAStringTakesTheServletApi() throws Exception {
		// as for HTTP/2, whose header values Tomcat is given as strings
		this.coyoteRequest.getMimeHeaders().addValue("X-Api-Key").setString(" k-1 ");
		assertThat(readInTheValve("X-Api-Key")).isEqualTo("string:k-1");
	}

	@Test
	void outsideTheValveTheValueTakesTheServletApi() {
		received("X-Api-Key", "k-1");
		assertThat(this.reader.read(this.request.getRequest(), "X-Api-Key", SHOWING_PATH)).isEqualTo("string:k-1");
	}

	/** A header as Tomcat receives it: the bytes of the request, decoded on demand. */
	private void received(String name, String value) {
		byte[] line = ("GET / HTTP/1.1\r\n" + name + ":" + value + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
		int start = line.length - 2 - value.length();
		this.coyoteRequest.getMimeHeaders().addValue(name).setBytes(line, start, value.length());
	}

	private String readInTheValve(String name) throws Exception {
		String[] key = new String[1];
		serve((served) -> key[0] = this.reader.read(served, name, SHOWING_PATH));
		return key[0];
	}

	private void serve(Consumer<HttpServletRequest> filter) throws Exception {
		ExchangeValve.serve(this.exchange, this.request, this.response,
				(request, response) -> filter.accept(request.getRequest()));
	}

	private static final class RenamingWrapper extends HttpServletRequestWrapper {

		RenamingWrapper(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getHeader(String name) {
			String value = super.getHeader(name);
			return (value != null) ? value + "-renamed" : null;
		}

	}

}
