package dev.tollgate.web.tomcat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpClient.Version;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import dev.tollgate.ManualClock;
import dev.tollgate.ManualClockConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over HTTP/2 (h2c on real Tomcat), where Tomcat holds a request's headers as strings
 * rather than the bytes of an HTTP/1.1 request: a header key is read, hashed and
 * counted as over HTTP/1.1, so one API key has one bucket whichever protocol its
 * requests use.
 */
@SpringBootTest(classes = Http2Tests.TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.http2.enabled=true", "tollgate.limits.api.paths=/api",
				"tollgate.limits.api.rate=3/1m", "tollgate.limits.api.key=header:X-Api-Key" })
class Http2Tests {

	@LocalServerPort
	private int port;

	@Autowired
	private ManualClock clock;

	private final HttpClient http2 = HttpClient.newBuilder().version(Version.HTTP_2).build();

	private final HttpClient http1 = HttpClient.newBuilder().version(Version.HTTP_1_1).build();

	@BeforeEach
	void startFromFullBuckets() {
		this.clock.advance(Duration.ofDays(1));
	}

	@Test
	void anApiKeyIsCountedOnceAcrossHttp2AndHttp11() throws Exception {
		// the first request upgrades the connection to h2c; the next ones are HTTP/2 frames
		for (int remaining = 2; remaining >= 1; remaining--) {
			HttpResponse<String> response = send(this.http2, "key-a");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("RateLimit")).hasValue("\"api\";r=" + remaining + ";t=60");
		}
		HttpResponse<String> overHttp2 = send(this.http2, "key-a");
		assertThat(overHttp2.version()).isEqualTo(Version.HTTP_2);
		assertThat(overHttp2.headers().firstValue("RateLimit")).hasValue("\"api\";r=0;t=60");
		HttpResponse<String> rejected = send(this.http2, "key-a");
		assertThat(rejected.statusCode()).isEqualTo(429);
		assertThat(rejected.version()).isEqualTo(Version.HTTP_2);
		HttpResponse<String> overHttp11 = send(this.http1, "key-a");
		assertThat(overHttp11.version()).isEqualTo(Version.HTTP_1_1);
		assertThat(overHttp11.statusCode()).as("the same bucket over HTTP/1.1").isEqualTo(429);
		HttpResponse<String> otherKey = send(this.http2, "key-b");
		assertThat(otherKey.statusCode()).isEqualTo(200);
		assertThat(otherKey.headers().firstValue("RateLimit")).hasValue("\"api\";r=2;t=60");
	}

	private HttpResponse<String> send(HttpClient client, String apiKey) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api"))
			.header("X-Api-Key", apiKey)
			.build();
		return client.send(request, BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ ManualClockConfiguration.class, Endpoint.class })
	static class TestApplication {

	}

	@RestController
	static class Endpoint {

		@GetMapping("/api")
		String api() {
			return "ok";
		}

	}

}
