package dev.tollgate.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.tollgate.ManualClockConfiguration;
import dev.tollgate.OverRealHttp;
import dev.tollgate.RawHttp.Response;
import dev.tollgate.annotation.RateLimit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile requests never get a 500 and never get past their limit. The test client
 * plays a trusted proxy (127.0.0.1), so every forwarding header it sends is parsed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tollgate.client-ip.trusted-proxies=127.0.0.1/32", "tollgate.limits.by-ip.paths=/ip",
				"tollgate.limits.by-ip.rate=10/1m", "tollgate.limits.by-key.paths=/key",
				"tollgate.limits.by-key.rate=5/1m", "tollgate.limits.by-key.key=header:X-Api-Key",
				"tollgate.limits.get-only.paths=/get-only", "tollgate.limits.get-only.methods=GET",
				"tollgate.limits.get-only.rate=3/1m" })
class HostileRequestTests extends OverRealHttp {

	private final List<Integer> statuses = new ArrayList<>();

	@AfterEach
	void noServerErrors() {
		assertThat(this.statuses).as("statuses").allMatch((status) -> status < 500);
	}

	@Test
	void garbageForwardingHeadersCountAgainstTheProxyItself() throws Exception {
		List<String> garbage = List.of("not-an-ip", "999.1.1.1", "1.2.3", "", ",,,", "\"quoted\"", "1.1.1.1:99999",
				"[::1", "unknown, _hidden", "1.1.1.1 2.2.2.2");
		for (String value : garbage) {
			assertThat(send("GET", "/ip", "X-Forwarded-For: " + value).status()).as("XFF %s", value).isEqualTo(200);
		}
		assertThat(send("GET", "/ip", "X-Forwarded-For: also-garbage").status()).isEqualTo(429);
		assertThat(send("GET", "/ip").status()).as("the proxy's own bucket").isEqualTo(429);
	}

	@Test
	void thousandsOfHopsAreWalkedWithinABound() throws Exception {
		String hops = "127.0.0.1, ".repeat(700) + "127.0.0.1";
		for (int i = 0; i < 10; i++) {
			assertThat(send("GET", "/ip", "X-Forwarded-For: 198.51.100." + i + ", " + hops).status()).isEqualTo(200);
		}
		assertThat(send("GET", "/ip", "X-Forwarded-For: 198.51.100.99, " + hops).status()).isEqualTo(429);
	}

	@Test
	void rotatingIpv6WithinOnePrefixSharesOneBucket() throws Exception {
		for (int i = 0; i < 10; i++) {
			String address = "2001:db8:1:2:" + Integer.toHexString((i * 7919 + 1) & 0xffff) + "::" + Integer.toHexString(i + 1);
			String value = (i % 2 == 0) ? address : "[" + address + "]:" + (40000 + i);
			assertThat(send("GET", "/ip", "X-Forwarded-For: " + value).status()).isEqualTo(200);
		}
		assertThat(send("GET", "/ip", "X-Forwarded-For: 2001:db8:1:2:ffff:ffff:ffff:ffff").status()).isEqualTo(429);
		assertThat(send("GET", "/ip", "X-Forwarded-For: 2001:db8:1:3::1").status()).as("another /64").isEqualTo(200);
	}

	@Test
	void zonesAndIpv4MappedFormsShareTheBucketOfTheAddress() throws Exception {
		List<String> forms = List.of("198.51.100.7", "::ffff:198.51.100.7", "[::ffff:198.51.100.7]:1234",
				"198.51.100.7:8080");
		for (int i = 0; i < 10; i++) {
			assertThat(send("GET", "/ip", "X-Forwarded-For: " + forms.get(i % forms.size())).status()).isEqualTo(200);
		}
		assertThat(send("GET", "/ip", "Forwarded: for=198.51.100.7", "X-Forwarded-For: ::ffff:c633:6407").status())
			.isEqualTo(429);
		for (int i = 0; i < 10; i++) {
			assertThat(send("GET", "/ip", "X-Forwarded-For: fe80::1%eth" + i).status()).isEqualTo(200);
		}
		assertThat(send("GET", "/ip", "X-Forwarded-For: fe80::1%lo").status()).isEqualTo(429);
	}

	@Test
	void hostileKeyHeadersNeverBypassTheirLimit() throws Exception {
		List<String> keys = List.of("k".repeat(7000), "clé-ünïcødé-ключ-鍵", "a\tb", "'; DROP TABLE keys; --",
				"../../etc/passwd", "%00%0d%0a");
		for (String key : keys) {
			for (int i = 0; i < 5; i++) {
				assertThat(send("GET", "/key", "X-Api-Key: " + key).status()).as("key %s", key).isEqualTo(200);
			}
			assertThat(send("GET", "/key", "X-Api-Key: " + key).status()).as("key %s", key).isEqualTo(429);
		}
		send("GET", "/key", "X-Api-Key: bad\u0001control");
		send("GET", "/key", "X-Api-Key: " + "x".repeat(20_000));
	}

	@Test
	void blankKeyHeaderFallsBackToTheClientIp() throws Exception {
		for (int i = 0; i < 5; i++) {
			String[] headers = (i % 2 == 0) ? new String[] { "X-Api-Key:    ", "X-Forwarded-For: 203.0.113.5" }
					: new String[] { "X-Forwarded-For: 203.0.113.5" };
			assertThat(send("GET", "/key", headers).status()).isEqualTo(200);
		}
		assertThat(send("GET", "/key", "X-Api-Key: ", "X-Forwarded-For: 203.0.113.5").status()).isEqualTo(429);
	}

	@Test
	void decoratedPathsEitherMissTheHandlerOrCountAgainstTheLimit() throws Exception {
		List<String> variants = List.of("/ip;jsessionid=1", "/%69p", "/ip;a=b;c=d", "/ip/", "//ip", "/./ip",
				"/x/../ip", "/IP", "/ip%2F", "/ip%00", "/%zz", "/ip%", "/ip?x=%zz", "/ip%20", "/ip\u00e9");
		int counted = 0;
		for (String variant : variants) {
			Response response = send("GET", variant);
			boolean limited = response.header("RateLimit") != null;
			assertThat(limited || !response.body().equals("ok")).as("variant %s reached the handler", variant).isTrue();
			// counted too: /ip/, which a trailing slash filter would hand to /ip's handler
			counted += limited ? 1 : 0;
		}
		for (int i = counted; i < 10; i++) {
			assertThat(send("GET", "/ip").status()).isEqualTo(200);
		}
		assertThat(send("GET", "/ip").status()).isEqualTo(429);
		for (String variant : variants) {
			assertThat(send("GET", variant).body()).as("variant %s", variant).isNotEqualTo("ok");
		}
	}

	@Test
	void headAndOptionsDoNotDodgeLimits() throws Exception {
		assertThat(send("HEAD", "/get-only").status()).isEqualTo(200);
		assertThat(send("HEAD", "/get-only").status()).isEqualTo(200);
		assertThat(send("GET", "/get-only").status()).isEqualTo(200);
		assertThat(send("GET", "/get-only").status()).isEqualTo(429);
		assertThat(send("HEAD", "/get-only").status()).isEqualTo(429);
		for (int i = 0; i < 10; i++) {
			send((i % 2 == 0) ? "OPTIONS" : "GET", "/ip");
		}
		assertThat(send("OPTIONS", "/ip").status()).isEqualTo(429);
	}

	@Test
	void aFunctionalEndpointToldApartByAHeaderLeavesTheAnnotatedLimitToItsHandler() throws Exception {
		for (int i = 0; i < 4; i++) {
			Response functional = send("GET", "/fn/special", "X-Functional: yes", "Accept: */*;q=x");
			assertThat(functional.body()).isEqualTo("functional");
			assertThat(functional.header("RateLimit")).isNull();
		}
		// the annotated handler's requests, one with an Accept header Spring MVC answers with a 406
		Map<String, String> others = new LinkedHashMap<>();
		others.put("Accept: text/plain", "200 special");
		others.put("Accept: */*;q=x", "406 ");
		others.put("X-Functional: ", "200 special");
		int remaining = 2;
		for (Map.Entry<String, String> other : others.entrySet()) {
			Response annotated = send("GET", "/fn/special", other.getKey());
			assertThat(annotated.status() + " " + annotated.body()).as(other.getKey()).isEqualTo(other.getValue());
			assertThat(annotated.header("RateLimit")).as(other.getKey())
				.isEqualTo("\"fn\";r=" + remaining-- + ";t=60");
		}
		assertThat(send("GET", "/fn/special").status()).isEqualTo(429);
		assertThat(send("GET", "/fn/special", "X-Functional: yes").body()).isEqualTo("functional");
	}

	@Test
	void randomHostileRequestsNeverFail() throws Exception {
		// a fixed seed, so that a failure comes back on every run; most requests end up
		// rejected, so that rejections meet hostile headers too
		Random random = new Random(20261207);
		List<String> methods = List.of("GET", "POST", "HEAD", "OPTIONS", "PUT", "get", "FOO");
		List<String> targets = List.of("/ip", "/key", "/get-only", "/shared", "/shared/", "//shared", "/%73hared",
				"/shared;x=1", "/SHARED", "/x/../shared", "/%zz", "/shared?x=%%%", "/" + "a".repeat(3000), "/fn/special",
				"/fn/1", "/fn/special/", "/FN/special");
		List<String> names = List.of("Origin", "Accept", "X-Api-Key", "X-Forwarded-For", "Forwarded", "Authorization",
				"Access-Control-Request-Method", "Content-Type", "X-Forwarded-Prefix", "X-Functional");
		List<String> values = List.of("", " ", "http://[", "::::", "%zz", "*/*;q=x", "text/", "text/csv",
				"application/json", "https://app.example", "http://app.example:99999", "null", "fe80::1%eth0",
				"999.1.1.1", "1.2.3.4, 5.6.7.8", "for=\"[::1", "Bearer", "bearer  x", "\u00ff\u00fe", "k".repeat(9000));
		for (int i = 0; i < 400; i++) {
			String[] headers = new String[random.nextInt(5)];
			for (int h = 0; h < headers.length; h++) {
				headers[h] = names.get(random.nextInt(names.size())) + ": " + values.get(random.nextInt(values.size()));
			}
			send(methods.get(random.nextInt(methods.size())), targets.get(random.nextInt(targets.size())), headers);
		}
		assertThat(this.statuses).contains(200, 429);
	}

	private Response send(String method, String target, String... headers) throws Exception {
		Response response = this.http.send(method, target, headers);
		this.statuses.add(response.status());
		return response;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ ManualClockConfiguration.class, Endpoints.class })
	static class TestApplication {

		/**
		 * A functional endpoint on an annotated handler's path, asked first and told apart
		 * by a header, with a predicate of its own.
		 */
		@Bean
		RouterFunction<ServerResponse> special() {
			return RouterFunctions.route()
				.GET("/fn/special", (request) -> !request.headers().header("X-Functional").isEmpty()
						&& !request.headers().firstHeader("X-Functional").isBlank(),
						(request) -> ServerResponse.ok().body("functional"))
				.build();
		}

	}

	@RestController
	@CrossOrigin("https://app.example")
	static class Endpoints {

		@RequestMapping({ "/ip", "/key", "/get-only" })
		String ok() {
			return "ok";
		}

		@GetMapping(path = "/shared", produces = "text/csv")
		@RateLimit(name = "shared-csv", rate = "3/1m")
		String sharedCsv() {
			return "a,b";
		}

		@GetMapping("/shared")
		@RateLimit(name = "shared", rate = "3/1m")
		String shared() {
			return "shared";
		}

		@GetMapping("/fn/{id}")
		@RateLimit(name = "fn", rate = "3/1m")
		String fn(@PathVariable String id) {
			return id;
		}

	}

}
