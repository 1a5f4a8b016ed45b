package dev.tollgate.sample;

import java.time.Duration;
import java.util.List;

import dev.tollgate.ManualClockConfiguration;
import dev.tollgate.OverRealHttp;
import dev.tollgate.RawHttp.Response;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The secrets API reference policy, over real HTTP: 200 requests/minute per client IP
 * across /v1, plus 10/minute per token on the token exchange, draft-6 headers and a
 * plain JSON 429.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(ManualClockConfiguration.class)
@ActiveProfiles("secrets-api")
class SecretsApiProfileTests extends OverRealHttp {

	private static final String TOKEN_A = "Authorization: Bearer token-a";

	private static final String TOKEN_B = "Authorization: Bearer token-b";

	@Test
	void allows200RequestsPerMinutePerIpAcrossV1ThenRejects() throws Exception {
		for (int i = 1; i <= 200; i++) {
			Response response = this.http.get((i % 2 == 0) ? "/v1/secrets" : "/v1/secrets/db-" + i);
			assertThat(response.status()).as("request %d", i).isEqualTo(200);
			assertThat(response.header("RateLimit-Limit")).isEqualTo("200");
			assertThat(response.header("RateLimit-Remaining")).isEqualTo(Integer.toString(200 - i));
			assertThat(response.header("RateLimit-Reset")).isEqualTo("60");
			assertThat(response.header("Retry-After")).isNull();
		}
		Response rejected = this.http.get("/v1/secrets");
		assertThat(rejected.status()).isEqualTo(429);
		assertThat(rejected.header("Retry-After")).isEqualTo("60");
		assertThat(rejected.header("RateLimit-Limit")).isEqualTo("200");
		assertThat(rejected.header("RateLimit-Remaining")).isEqualTo("0");
		// a charset names itself in any case (Jetty writes utf-8)
		assertThat(rejected.header("Content-Type")).isEqualToIgnoringCase("application/json;charset=UTF-8");
		assertThat(rejected.body()).isEqualTo("{ \"message\": \"Rate limit exceeded\" }");
	}

	@Test
	void tokenExchangeAllows10PerTokenAndRejectedRequestsCostNothingElsewhere() throws Exception {
		for (int i = 1; i <= 10; i++) {
			Response response = this.http.post("/v1/auth/exchange", TOKEN_A);
			assertThat(response.status()).as("exchange %d", i).isEqualTo(200);
			assertThat(response.header("RateLimit-Limit")).isEqualTo("10");
			assertThat(response.header("RateLimit-Remaining")).isEqualTo(Integer.toString(10 - i));
		}
		for (int i = 0; i < 3; i++) {
			Response rejected = this.http.post("/v1/auth/exchange", TOKEN_A);
			assertThat(rejected.status()).isEqualTo(429);
			assertThat(rejected.header("RateLimit-Limit")).isEqualTo("10");
			assertThat(rejected.header("Retry-After")).isEqualTo("60");
			assertThat(rejected.body()).isEqualTo("{ \"message\": \"Rate limit exceeded\" }");
		}
		Response otherToken = this.http.post("/v1/auth/exchange", TOKEN_B);
		assertThat(otherToken.status()).isEqualTo(200);
		assertThat(otherToken.header("RateLimit-Remaining")).isEqualTo("9");
		// 11 exchanges were admitted; the 3 rejected ones were refunded to the IP limit
		Response secrets = this.http.get("/v1/secrets");
		assertThat(secrets.header("RateLimit-Limit")).isEqualTo("200");
		assertThat(secrets.header("RateLimit-Remaining")).isEqualTo("188");
	}

	@Test
	void aTokenSentWithItsSchemeInAnyCaseOrSpacingHasOneBucket() throws Exception {
		// servers take the scheme in any case (RFC 9110), Spring Security's bearer resolver too
		List<String> variants = List.of("Authorization: bearer token-a", "Authorization: BEARER token-a",
				"Authorization: Bearer \t token-a", "Authorization: bEaReR token-a", TOKEN_A);
		for (int i = 1; i <= 10; i++) {
			Response response = this.http.post("/v1/auth/exchange", variants.get(i % variants.size()));
			assertThat(response.status()).as("exchange %d", i).isEqualTo(200);
			assertThat(response.header("RateLimit-Remaining")).isEqualTo(Integer.toString(10 - i));
		}
		for (String variant : variants) {
			assertThat(this.http.post("/v1/auth/exchange", variant).status()).as(variant).isEqualTo(429);
		}
		assertThat(this.http.post("/v1/auth/exchange", "Authorization: Bearer token-A").status())
			.as("the token itself is case-sensitive")
			.isEqualTo(200);
	}

	@Test
	void exchangeWithoutTokenIsLimitedByClientIp() throws Exception {
		for (int i = 1; i <= 10; i++) {
			assertThat(this.http.post("/v1/auth/exchange").status()).isEqualTo(200);
		}
		assertThat(this.http.post("/v1/auth/exchange").status()).isEqualTo(429);
		assertThat(this.http.post("/v1/auth/exchange", "Authorization: ").status()).isEqualTo(429);
		assertThat(this.http.post("/v1/auth/exchange", TOKEN_A).status()).isEqualTo(200);
	}

	@Test
	void tokensComeBackWhenTheWindowEnds() throws Exception {
		for (int i = 1; i <= 10; i++) {
			this.http.post("/v1/auth/exchange", TOKEN_A);
		}
		this.clock.advance(Duration.ofSeconds(30));
		Response halfway = this.http.post("/v1/auth/exchange", TOKEN_A);
		assertThat(halfway.status()).isEqualTo(429);
		assertThat(halfway.header("Retry-After")).isEqualTo("30");
		assertThat(halfway.header("RateLimit-Reset")).isEqualTo("30");
		this.clock.advance(Duration.ofMillis(29_500));
		assertThat(this.http.post("/v1/auth/exchange", TOKEN_A).header("Retry-After")).isEqualTo("1");
		this.clock.advance(Duration.ofMillis(500));
		Response refilled = this.http.post("/v1/auth/exchange", TOKEN_A);
		assertThat(refilled.status()).isEqualTo(200);
		assertThat(refilled.header("RateLimit-Remaining")).isEqualTo("9");
		assertThat(refilled.header("RateLimit-Reset")).isEqualTo("60");
	}

	@Test
	void spoofedForwardingHeadersDoNotDodgeTheIpLimit() throws Exception {
		for (int i = 1; i <= 200; i++) {
			String spoof = (i % 2 == 0) ? "X-Forwarded-For: 198.51.100." + (i % 250) : "Forwarded: for=203.0.113." + (i % 250);
			assertThat(this.http.get("/v1/secrets", spoof, "X-Real-IP: 192.0.2." + (i % 250)).status()).isEqualTo(200);
		}
		assertThat(this.http.get("/v1/secrets", "X-Forwarded-For: 192.0.2.77").status()).isEqualTo(429);
	}

	@Test
	void pathVariantsThatReachTheExchangeHitItsLimit() throws Exception {
		List<String> routed = List.of("/v1/auth/exchange;jsessionid=abc", "/v1/auth/%65xchange",
				"/v1/auth;v=1/ex%63hange", "/v1/auth/exchange");
		for (int i = 1; i <= 10; i++) {
			Response response = this.http.post(routed.get(i % routed.size()), TOKEN_A);
			assertThat(response.status()).as("variant %s", routed.get(i % routed.size())).isEqualTo(200);
			assertThat(response.body()).contains("jwt");
			assertThat(response.header("RateLimit-Limit")).isEqualTo("10");
			assertThat(response.header("RateLimit-Remaining")).isEqualTo(Integer.toString(10 - i));
		}
		for (String variant : routed) {
			assertThat(this.http.post(variant, TOKEN_A).status()).as("variant %s", variant).isEqualTo(429);
		}
		List<String> unrouted = List.of("//v1/auth/exchange", "/v1//auth/exchange", "/v1/auth/./exchange",
				"/v1/x/../auth/exchange", "/v1/auth/exchange/", "/V1/auth/exchange", "/v1/auth%2Fexchange",
				"/v1/auth/exchange%00", "/v1/auth/exchange%20");
		for (String variant : unrouted) {
			Response response = this.http.post(variant, TOKEN_A);
			assertThat(response.status()).as("variant %s", variant).isNotEqualTo(200).isLessThan(500);
			assertThat(response.body()).as("variant %s", variant).doesNotContain("jwt");
		}
	}

	@Test
	void everyV1ResponseCarriesHeadersEvenErrors() throws Exception {
		Response notFound = this.http.get("/v1/no-such-thing");
		assertThat(notFound.status()).isEqualTo(404);
		assertThat(notFound.header("RateLimit-Remaining")).isEqualTo("199");
		Response outside = this.http.get("/health");
		assertThat(outside.hasHeaderStartingWith("RateLimit")).isFalse();
	}

}
