package dev.tollgate.security;

import dev.tollgate.ManualClockConfiguration;
import dev.tollgate.RawHttp;
import dev.tollgate.key.RateLimitKeyResolver;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token used as a key never appears in clear in logs (at the most verbose level),
 * metrics, the Actuator endpoint or the store.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "logging.level.dev.tollgate=TRACE", "management.endpoints.web.exposure.include=ratelimits",
				"tollgate.limits.token.paths=/token", "tollgate.limits.token.rate=2/1m",
				"tollgate.limits.token.key=header:Authorization", "tollgate.limits.tenant.paths=/tenant",
				"tollgate.limits.tenant.rate=2/1m", "tollgate.limits.tenant.key=failingResolver" })
class SecretLeakTests {

	private static final String TOKEN = "s3cr3t-t0k3n-do-not-leak";

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry registry;

	@Test
	void tokenNeverAppearsInClear(CapturedOutput output) throws Exception {
		RawHttp http = new RawHttp(this.port);
		StringBuilder seen = new StringBuilder();
		for (int i = 0; i < 4; i++) {
			seen.append(http.get("/token", "Authorization: Bearer " + TOKEN));
			seen.append(http.get("/tenant", "X-Tenant: " + TOKEN));
		}
		seen.append(http.get("/actuator/ratelimits"));
		seen.append(http.get("/actuator/ratelimits/token/Bearer%20" + TOKEN));
		seen.append(http.send("DELETE", "/actuator/ratelimits/token/Bearer%20" + TOKEN));
		this.registry.getMeters().forEach((meter) -> seen.append(meter.getId()));
		assertThat(seen.toString()).contains("\"limit\":\"token\"").doesNotContain(TOKEN);
		assertThat(output.getAll()).contains("Rate-limit key resolver failed")
			.containsPattern("Rejected GET /token: limit 'token' for key [A-Za-z0-9_-]{22} is exhausted, "
					+ "retry after 60 s")
			.doesNotContain(TOKEN);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ ManualClockConfiguration.class, Endpoints.class })
	static class TestApplication {

		@Bean
		RateLimitKeyResolver failingResolver() {
			return (request) -> {
				throw new IllegalStateException("tenant lookup failed");
			};
		}

	}

	@RestController
	static class Endpoints {

		@GetMapping({ "/token", "/tenant" })
		String ok() {
			return "ok";
		}

	}

}
