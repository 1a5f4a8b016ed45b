package dev.tollgate.reliability;

import dev.tollgate.ManualClockConfiguration;
import dev.tollgate.OverRealHttp;
import dev.tollgate.key.RateLimitKeyResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key resolver of the application's own that throws gets the documented answer,
 * never a 500 and never a bypass: the request is counted against its client IP (the
 * missing-key policy), and the failure is logged once.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tollgate.limits.tenant.paths=/tenant", "tollgate.limits.tenant.rate=3/1m",
				"tollgate.limits.tenant.key=throwingResolver" })
class KeyResolverFaultTests extends OverRealHttp {

	@Test
	void throwingKeyResolverFallsBackToTheClientIpAndIsLoggedOnce(CapturedOutput output) throws Exception {
		for (int i = 0; i < 3; i++) {
			assertThat(this.http.get("/tenant", "X-Tenant: acme-" + i).status()).isEqualTo(200);
		}
		assertThat(this.http.get("/tenant", "X-Tenant: acme-9").status()).isEqualTo(429);
		String log = output.getAll();
		assertThat(log.split("Rate-limit key resolver failed", -1)).hasSize(2);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ ManualClockConfiguration.class, Endpoints.class })
	static class TestApplication {


		@Bean
		RateLimitKeyResolver throwingResolver() {
			return (request) -> {
				throw new IllegalStateException("tenant directory is down");
			};
		}

	}

	@RestController
	static class Endpoints {

		@GetMapping("/tenant")
		String ok() {
			return "ok";
		}

	}

}
