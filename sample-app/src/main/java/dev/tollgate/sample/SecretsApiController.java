package dev.tollgate.sample;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stub endpoints of the secrets API reference policy.
 */
@RestController
@Profile("secrets-api")
@RequestMapping("/v1")
class SecretsApiController {

	@GetMapping("/secrets")
	Map<String, Object> secrets() {
		return Map.of("secrets", List.of("database-url", "stripe-key"));
	}

	@GetMapping("/secrets/{name}")
	Map<String, Object> secret(@PathVariable String name) {
		return Map.of("name", name, "value", "s3cr3t");
	}

	@PostMapping("/auth/exchange")
	Map<String, Object> exchange() {
		return Map.of("jwt", "eyJhbGciOiJub25lIn0.e30.", "expiresIn", 900);
	}

}
