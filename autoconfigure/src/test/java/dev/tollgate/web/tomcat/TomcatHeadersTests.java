package dev.tollgate.web.tomcat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.ServletException;

import dev.tollgate.ManualClock;
import dev.tollgate.RawHttp;
import dev.tollgate.key.KeyHasher;
import dev.tollgate.key.SipHashKeyHasher;
import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.rule.RateLimitRules;
import dev.tollgate.store.BucketStore;
import dev.tollgate.store.TokenBucket;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.tomcat.util.buf.MessageBytes;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a real Tomcat, the headers written as bytes are exactly those the Servlet API
 * writes: same names, same values, same order, nothing else.
 */
class TomcatHeadersTests {

	/** Every response header but Date, in order, as sent on the wire. */
	static List<String> headerLines(RawHttp.Response response) {
		return response.headers()
			.stream()
			.filter((header) -> !header[0].equalsIgnoreCase("Date"))
			.map((header) -> header[0] + ": " + header[1])
			.toList();
	}

	static void assertExactHeaders(int port) throws Exception {
		RawHttp http = new RawHttp(port);
		assertThat(headerLines(http.get("/api"))).containsExactly("RateLimit-Policy: \"api\";q=2;w=60",
				"RateLimit: \"api\";r=1;t=60", "RateLimit-Limit: 2", "RateLimit-Remaining: 1", "RateLimit-Reset: 60",
				"Content-Type: text/plain;charset=UTF-8", "Content-Length: 2", "Connection: close");
		http.get("/api");
		RawHttp.Response rejected = http.get("/api");
		assertThat(rejected.status()).isEqualTo(429);
		assertThat(rejected.header("RateLimit")).isEqualTo("\"api\";r=0;t=60");
		assertThat(rejected.header("RateLimit-Remaining")).isEqualTo("0");
		assertThat(rejected.header("Retry-After")).isEqualTo("60");
	}

	/**
	 * A header key, é sent as its two UTF-8 bytes, which Tomcat's Servlet API reads as two
	 * ISO-8859-1 characters: two requests allowed, the third rejected, each key hashed
	 * from what it was read as, and the bucket is the one of the key the Servlet API's
	 * string gives.
	 */
	static void assertKeyedAsTheServletApiReadsTheHeader(int port, ApplicationContext context, String readAs)
			throws Exception {
		RawHttp http = new RawHttp(port);
		assertThat(http.get("/keyed", "X-Api-Key: caf\u00e9-key").status()).isEqualTo(200);
		assertThat(http.get("/keyed", "x-api-key:caf\u00e9-key ").status()).isEqualTo(200);
		assertThat(http.get("/keyed", "X-Api-Key: caf\u00e9-key").status()).isEqualTo(429);
		assertThat(context.getBean(RecordingHasher.class).seen()).as("how the three requests' keys were hashed")
			.containsExactly(readAs, readAs, readAs);
		String asTheServletApiReadsIt = new String("caf\u00e9-key".getBytes(StandardCharsets.UTF_8),
				StandardCharsets.ISO_8859_1);
		RateLimitRule keyed = context.getBean(RateLimitRules.class)
			.getLimits()
			.stream()
			.filter((rule) -> rule.getName().equals("keyed"))
			.findFirst()
			.orElseThrow();
		TokenBucket bucket = context.getBean(BucketStore.class)
			.find(keyed, context.getBean(KeyHasher.class).hash(asTheServletApiReadsIt));
		assertThat(bucket).isNotNull();
		assertThat(bucket.availableTokens()).isZero();
	}

	@Nested
	@SpringBootTest(classes = App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "tollgate.limits.api.paths=/api", "tollgate.limits.api.rate=2/1m",
					"tollgate.limits.keyed.paths=/keyed", "tollgate.limits.keyed.rate=2/1m",
					"tollgate.limits.keyed.key=header:X-Api-Key", "tollgate.headers.style=draft-11,draft-6" })
	class Direct extends OnTomcat {

		@Test
		void headersAreWrittenAsBytesWithTheSameValues() throws Exception {
			assertThat(this.context.getBeansOfType(TomcatResponseHeaderAccess.class)).hasSize(1);
			assertExactHeaders(this.port);
			assertThat(this.headerTypes.seen()).as("as the two allowed requests reached the controller")
				.containsExactly("bytes", "bytes");
		}

		@Test
		void headerKeysAreReadFromTheBytesAndGiveTheSameBuckets() throws Exception {
			assertThat(this.context.getBeansOfType(TomcatHeaderKeyReader.class)).hasSize(1);
			assertKeyedAsTheServletApiReadsTheHeader(this.port, this.context, "bytes");
		}

	}

	@Nested
	@SpringBootTest(classes = App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "tollgate.limits.api.paths=/api", "tollgate.limits.api.rate=2/1m",
					"tollgate.limits.keyed.paths=/keyed", "tollgate.limits.keyed.rate=2/1m",
					"tollgate.limits.keyed.key=header:X-Api-Key", "tollgate.headers.style=draft-11,draft-6",
					"tollgate.headers.tomcat-direct=false" })
	class ThroughTheServletApi extends OnTomcat {

		@Test
		void headersAreWrittenAsStrings() throws Exception {
			assertThat(this.context.getBeansOfType(TomcatResponseHeaderAccess.class)).isEmpty();
			assertExactHeaders(this.port);
			assertThat(this.headerTypes.seen()).containsExactly("string", "string");
		}

		@Test
		void headerKeysAreReadAsStrings() throws Exception {
			assertThat(this.context.getBeansOfType(TomcatHeaderKeyReader.class)).isEmpty();
			assertKeyedAsTheServletApiReadsTheHeader(this.port, this.context, "string");
		}

	}

	abstract static class OnTomcat {

		@LocalServerPort
		int port;

		@Autowired
		ApplicationContext context;

		@Autowired
		HeaderTypes headerTypes;

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Api.class)
	static class App {

		/** A clock that stands still, so that every reset is exactly a minute away. */
		@Bean
		ManualClock clock() {
			return new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
		}

		@Bean
		HeaderTypes headerTypes() {
			return new HeaderTypes();
		}

		@Bean
		RecordingHasher keyHasher() {
			return new RecordingHasher();
		}

		@Bean
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> headerTypesValve(HeaderTypes headerTypes) {
			return (factory) -> factory.addContextValves(headerTypes.valve());
		}

	}

	@RestController
	static class Api {

		private final HeaderTypes headerTypes;

		Api(HeaderTypes headerTypes) {
			this.headerTypes = headerTypes;
		}

		@GetMapping("/api")
		String api() {
			this.headerTypes.record();
			return "ok";
		}

		@GetMapping("/keyed")
		String keyed() {
			return "ok";
		}

	}

	/**
	 * How Tomcat holds the {@code RateLimit-Limit} value when the controller runs, before
	 * the response is sent (sending turns every value into bytes): bytes written
	 * directly, or a string given through the Servlet API.
	 */
	static final class HeaderTypes {

		private final ThreadLocal<Response> served = new ThreadLocal<>();

		private final List<String> seen = new CopyOnWriteArrayList<>();

		Valve valve() {
			return new ValveBase(true) {

				@Override
				public void invoke(Request request, Response response) throws IOException, ServletException {
					HeaderTypes.this.served.set(response);
					try {
						getNext().invoke(request, response);
					}
					finally {
						HeaderTypes.this.served.remove();
					}
				}

			};
		}

		void record() {
			MessageBytes value = this.served.get().getCoyoteResponse().getMimeHeaders().getValue("RateLimit-Limit");
			this.seen.add(switch (value.getType()) {
				case MessageBytes.T_BYTES -> "bytes";
				case MessageBytes.T_STR -> "string";
				default -> "type " + value.getType();
			});
		}

		List<String> seen() {
			return this.seen;
		}

	}

	/** The in-memory store's hasher, telling whether it was given a string or bytes. */
	static final class RecordingHasher implements KeyHasher {

		private final KeyHasher hasher = new SipHashKeyHasher();

		private final List<String> seen = new CopyOnWriteArrayList<>();

		@Override
		public String hash(String value) {
			this.seen.add("string");
			return this.hasher.hash(value);
		}

		@Override
		public String hash(byte[] latin1, int start, int end) {
			this.seen.add("bytes");
			return this.hasher.hash(latin1, start, end);
		}

		List<String> seen() {
			return this.seen;
		}

	}

}
