package dev.tollgate.sample;

import dev.tollgate.ManualClockConfiguration;
import dev.tollgate.RawHttp;
import dev.tollgate.RawHttp.Response;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app publishes Tollgate's meters for Prometheus and its endpoint, which
 * shows where each limit came from.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.prometheus.metrics.export.enabled=true")
@Import(ManualClockConfiguration.class)
class SampleObservabilityTests {

	@LocalServerPort
	private int port;

	@Test
	void prometheusScrapeShowsRequestCountsPerLimitAndOutcome() throws Exception {
		RawHttp http = new RawHttp(this.port);
		http.post("/v1/token");
		Response scrape = http.get("/actuator/prometheus");
		assertThat(scrape.status()).isEqualTo(200);
		assertThat(scrape.body()).contains("tollgate_requests_total{limit=\"token\",outcome=\"allowed\"")
			.contains("tollgate_requests_total{limit=\"authorize\",outcome=\"rejected\"")
			.contains("tollgate_store_keys{store=\"in-memory\"}")
			.doesNotContain("tollgate_decision");
	}

	@Test
	void endpointShowsAnnotatedAndConfiguredLimits() throws Exception {
		Response limits = new RawHttp(this.port).get("/actuator/ratelimits");
		assertThat(limits.body()).contains("\"name\":\"authorize\"")
			.contains("\"routes\":[\"POST /v1/authorize\"]")
			.contains("\"source\":\"@RateLimit(name = \\\"authorize\\\") on dev.tollgate.sample.AuthApiController#authorize\"")
			.contains("\"defaultLimit\":{\"name\":\"default\"")
			.contains("\"headerStyles\":[\"legacy\"]");
	}

}
