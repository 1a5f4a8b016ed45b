package dev.tollgate.sample;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The plans demo: {@code GET /v1/reports} with a limit per API key that depends on the
 * key's plan ({@code application-plans.yml}).
 */
@RestController
@Profile("plans")
class PlansController {

	@GetMapping("/v1/reports")
	Map<String, Object> reports() {
		return Map.of("reports", List.of("daily", "weekly"));
	}

	@Configuration(proxyBeanMethods = false)
	@Profile("plans")
	static class PlansConfiguration {

		@Bean
		ApiKeyPlanResolver apiKeyPlanResolver() {
			return new ApiKeyPlanResolver();
		}

	}

}
