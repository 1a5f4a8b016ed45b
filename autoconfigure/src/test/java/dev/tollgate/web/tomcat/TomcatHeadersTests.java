package dev.tollgate.web.tomcat;

import java.time.Instant;
import java.util.List;

import dev.tollgate.ManualClock;
import dev.tollgate.RawHttp;
import dev.tollgate.RawHttp.Response;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
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
	static List<String> headerLines(Response response) {
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
		Response rejected = http.get("/api");
		assertThat(rejected.status()).isEqualTo(429);
		assertThat(rejected.header("RateLimit")).isEqualTo("\"api\";r=0;t=60");
		assertThat(rejected.header("RateLimit-Remaining")).isEqualTo("0");
		assertThat(rejected.header("Retry-After")).isEqualTo("60");
	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "tollgate.limits.api.paths=/api", "tollgate.limits.api.rate=2/1m",
					"tollgate.headers.style=draft-11,draft-6" })
	class Direct {

		@LocalServerPort
		private int port;

		@Autowired
		private ApplicationContext context;

		@Test
		void headersAreWrittenAsBytesWithTheSameValues() throws Exception {
			assertThat(this.context.getBeansOfType(TomcatResponseHeaderAccess.class)).hasSize(1);
			assertExactHeaders(this.port);
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "tollgate.limits.api.paths=/api", "tollgate.limits.api.rate=2/1m",
					"tollgate.headers.style=draft-11,draft-6", "tollgate.headers.tomcat-direct=false" })
	class ThroughTheServletApi {

		@LocalServerPort
		private int port;

		@Autowired
		private ApplicationContext context;

		@Test
		void headersAreWrittenAsStrings() throws Exception {
			assertThat(this.context.getBeansOfType(TomcatResponseHeaderAccess.class)).isEmpty();
			assertExactHeaders(this.port);
		}

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

	}

	@RestController
	static class Api {

		@GetMapping("/api")
		String api() {
			return "ok";
		}

	}

}
