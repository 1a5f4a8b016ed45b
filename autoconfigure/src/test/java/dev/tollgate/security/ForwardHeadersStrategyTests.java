package dev.tollgate.security;


import jakarta.servlet.http.HttpServletRequest;

import dev.tollgate.ManualClockConfiguration;
import dev.tollgate.OverRealHttp;
import dev.tollgate.RawHttp;
import dev.tollgate.RawHttp.Response;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code server.forward-headers-strategy=framework}, Spring's
 * {@code ForwardedHeaderFilter} gives the application the leftmost
 * {@code X-Forwarded-For} entry as the remote address, which any client can write.
 * Over real HTTP, a client that forges a new one on each request still meets its
 * limit: Tollgate reads the address, and the header from trusted proxies, from the
 * request as the server received it. With {@code native}, that address is the one
 * Tomcat's {@code RemoteIpValve} made of the proxies it trusts.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = ForwardHeadersStrategyTests.TestApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.forward-headers-strategy=framework", "tollgate.limits.api.paths=/api",
				"tollgate.limits.api.rate=2/1m" })
class ForwardHeadersStrategyTests extends OverRealHttp {

	@Test
	void aForgedForwardingHeaderOnEachRequestDoesNotGiveAFreshBucket(CapturedOutput output) throws Exception {
		for (int i = 1; i <= 2; i++) {
			Response response = this.http.get("/api", "X-Forwarded-For: 203.0.113." + i);
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.body()).as("the application sees the forged address").isEqualTo("203.0.113." + i);
		}
		assertThat(this.http.get("/api", "X-Forwarded-For: 203.0.113.3").status()).isEqualTo(429);
		assertThat(output).contains("server.forward-headers-strategy=framework takes the client's address from "
				+ "forwarding headers that any client can write");
	}

	@Test
	void aForgedForwardedPrefixDoesNotTakeARouteOutOfItsLimit() throws Exception {
		// the filter moves the prefix into the context path: the same request URI as a
		// request for /p/api, which no limit covers, but routed to /api
		Response unlimited = this.http.get("/p/api");
		assertThat(unlimited.status()).isEqualTo(404);
		assertThat(unlimited.header("RateLimit")).isNull();
		for (int i = 1; i <= 2; i++) {
			Response response = this.http.get("/api", "X-Forwarded-Prefix: /p");
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.header("RateLimit")).isEqualTo("\"api\";r=" + (2 - i) + ";t=60");
		}
		assertThat(this.http.get("/api", "X-Forwarded-Prefix: /p").status()).isEqualTo(429);
		assertThat(this.http.get("/api", "X-Forwarded-Prefix: /q").status()).isEqualTo(429);
		assertThat(this.http.get("/api").status()).isEqualTo(429);
		assertThat(this.http.get("/p/api").header("RateLimit")).as("and the other way round").isNull();
	}

	@Nested
	@TestPropertySource(properties = "tollgate.client-ip.trusted-proxies=127.0.0.1/32")
	class BehindATrustedProxy {

		@Test
		void theClientIsReadFromTheForwardingHeaderTheFilterHides() throws Exception {
			RawHttp http = ForwardHeadersStrategyTests.this.http;
			assertThat(http.get("/api", "X-Forwarded-For: 203.0.113.1").header("RateLimit"))
				.isEqualTo("\"api\";r=1;t=60");
			assertThat(http.get("/api", "X-Forwarded-For: 203.0.113.2").header("RateLimit"))
				.as("another client, another bucket")
				.isEqualTo("\"api\";r=1;t=60");
			assertThat(http.get("/api", "X-Forwarded-For: 198.51.100.9, 203.0.113.1").status())
				.as("what the client wrote left of the proxy's entry is ignored")
				.isEqualTo(200);
			assertThat(http.get("/api", "X-Forwarded-For: 203.0.113.1").status()).isEqualTo(429);
		}

	}

	@Nested
	@TestPropertySource(properties = "server.forward-headers-strategy=native")
	class RewrittenByTomcat {

		@Test
		void tomcatsRemoteIpValveDecidesWhomItTrusts() throws Exception {
			// Tomcat trusts loopback as an internal proxy unless told otherwise
			// (server.tomcat.remoteip.internal-proxies): its rewritten address is the client
			RawHttp http = ForwardHeadersStrategyTests.this.http;
			Response first = http.get("/api", "X-Forwarded-For: 203.0.113.1");
			assertThat(first.body()).isEqualTo("203.0.113.1");
			assertThat(first.header("RateLimit")).isEqualTo("\"api\";r=1;t=60");
			assertThat(http.get("/api", "X-Forwarded-For: 203.0.113.2").header("RateLimit"))
				.isEqualTo("\"api\";r=1;t=60");
			assertThat(http.get("/api", "X-Forwarded-For: 203.0.113.1").header("RateLimit"))
				.isEqualTo("\"api\";r=0;t=60");
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ ManualClockConfiguration.class, Api.class })
	static class TestApplication {

	}

	@RestController
	static class Api {

		@GetMapping("/api")
		String api(HttpServletRequest request) {
			return request.getRemoteAddr();
		}

	}

}
