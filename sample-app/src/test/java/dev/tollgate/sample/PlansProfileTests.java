package dev.tollgate.sample;

import dev.tollgate.ManualClockConfiguration;
import dev.tollgate.RawHttp;
import dev.tollgate.RawHttp.Response;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's plans profile: free, paid and internal API keys get their own limits.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(ManualClockConfiguration.class)
@ActiveProfiles("plans")
class PlansProfileTests {

	@LocalServerPort
	private int port;

	@Test
	void eachKeyGetsItsPlansLimit() throws Exception {
		RawHttp http = new RawHttp(this.port);
		assertThat(http.get("/v1/reports", "X-Api-Key: demo-free-key").header("RateLimit-Policy"))
			.isEqualTo("\"reports/free\";q=60;w=60");
		assertThat(http.get("/v1/reports", "X-Api-Key: demo-paid-key").header("RateLimit-Policy"))
			.isEqualTo("\"reports/paid\";q=6000;w=60");
		Response internal = http.get("/v1/reports", "X-Api-Key: demo-internal-key");
		assertThat(internal.status()).isEqualTo(200);
		assertThat(internal.header("RateLimit-Policy")).isNull();
		int allowed = 0;
		for (int i = 0; i < 12; i++) {
			allowed += (http.get("/v1/reports", "X-Api-Key: unknown-key").status() == 200) ? 1 : 0;
		}
		assertThat(allowed).as("no known plan: the limit's own 10/1m").isEqualTo(10);
	}

}
