package dev.tollgate.sample;

import java.time.Duration;

import dev.tollgate.ManualClockConfiguration;
import dev.tollgate.OverRealHttp;
import dev.tollgate.RawHttp.Response;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auth API reference policy (the sample's default profile), over real HTTP: a
 * 100/minute default for every route, stricter per-route limits, an exempt JWKS
 * endpoint, legacy headers with a Unix-timestamp reset, Retry-After only on 429.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(ManualClockConfiguration.class)
class AuthApiProfileTests extends OverRealHttp {

	@Test
	void authorizeAllows10PerMinuteThenRejectsWithProblemDetails() throws Exception {
		String reset = Long.toString(this.clock.instant().getEpochSecond() + 60);
		for (int i = 1; i <= 10; i++) {
			Response response = this.http.post("/v1/authorize");
			assertThat(response.status()).as("request %d", i).isEqualTo(200);
			assertThat(response.header("X-RateLimit-Limit")).isEqualTo("10");
			assertThat(response.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(10 - i));
			assertThat(response.header("X-RateLimit-Reset")).isEqualTo(reset);
			assertThat(response.header("Retry-After")).isNull();
			assertThat(response.hasHeaderStartingWith("RateLimit")).isFalse();
		}
		Response rejected = this.http.post("/v1/authorize");
		assertThat(rejected.status()).isEqualTo(429);
		assertThat(rejected.header("Retry-After")).isEqualTo("60");
		assertThat(rejected.header("X-RateLimit-Remaining")).isEqualTo("0");
		assertThat(rejected.header("X-RateLimit-Reset")).isEqualTo(reset);
		// a charset names itself in any case (Jetty writes utf-8)
		assertThat(rejected.header("Content-Type")).isEqualToIgnoringCase("application/problem+json;charset=UTF-8");
		assertThat(rejected.body()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,"
				+ "\"detail\":\"Rate limit 'authorize' exceeded, retry after 60 s\",\"limit\":\"authorize\","
				+ "\"retryAfter\":60}");
	}

	@Test
	void tokenAndRefreshHave20PerMinuteEach() throws Exception {
		for (String path : new String[] { "/v1/token", "/v1/token/refresh" }) {
			for (int i = 1; i <= 20; i++) {
				Response response = this.http.post(path);
				assertThat(response.status()).as("%s %d", path, i).isEqualTo(200);
				assertThat(response.header("X-RateLimit-Limit")).isEqualTo("20");
			}
			assertThat(this.http.post(path).status()).isEqualTo(429);
		}
	}

	@Test
	void defaultLimitCovers100RequestsOnEveryOtherRoute() throws Exception {
		for (int i = 0; i < 5; i++) {
			this.http.post("/v1/authorize");
		}
		for (int i = 1; i <= 100; i++) {
			String method = (i % 10 == 0) ? "HEAD" : (i % 10 == 1) ? "OPTIONS" : "GET";
			Response response = this.http.send(method, (i % 3 == 0) ? "/v1/unknown" : "/v1/grants");
			assertThat(response.status()).as("request %d", i).isLessThan(429);
			assertThat(response.header("X-RateLimit-Limit")).isEqualTo("100");
			assertThat(response.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(100 - i));
		}
		Response rejected = this.http.get("/v1/grants");
		assertThat(rejected.status()).isEqualTo(429);
		assertThat(rejected.body()).contains("\"limit\":\"default\"");
		assertThat(this.http.post("/v1/authorize").header("X-RateLimit-Remaining")).isEqualTo("4");
	}

	@Test
	void jwksIsExemptAndCarriesNoRateLimitHeaders() throws Exception {
		for (int i = 0; i < 150; i++) {
			Response response = this.http.get("/.well-known/jwks.json");
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.hasHeaderStartingWith("X-RateLimit")).isFalse();
			assertThat(response.header("Retry-After")).isNull();
		}
		assertThat(this.http.get("/v1/grants").header("X-RateLimit-Remaining")).isEqualTo("99");
	}

	@Test
	void windowEndsOnTheAdvertisedResetTimestamp() throws Exception {
		for (int i = 0; i < 10; i++) {
			this.http.post("/v1/authorize");
		}
		long reset = Long.parseLong(this.http.post("/v1/authorize").header("X-RateLimit-Reset"));
		this.clock.advance(Duration.ofSeconds(reset - this.clock.instant().getEpochSecond() - 1));
		assertThat(this.http.post("/v1/authorize").header("Retry-After")).isEqualTo("1");
		this.clock.advance(Duration.ofSeconds(1));
		Response allowed = this.http.post("/v1/authorize");
		assertThat(allowed.status()).isEqualTo(200);
		assertThat(allowed.header("X-RateLimit-Remaining")).isEqualTo("9");
		assertThat(allowed.header("X-RateLimit-Reset")).isEqualTo(Long.toString(reset + 60));
	}

}
