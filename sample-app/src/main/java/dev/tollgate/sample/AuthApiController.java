package dev.tollgate.sample;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stub endpoints of the auth API reference policy.
 */
@RestController
@Profile("auth-api")
class AuthApiController {

	@GetMapping("/v1/grants")
	Map<String, Object> grants() {
		return Map.of("grants", List.of());
	}

	@PostMapping("/v1/authorize")
	Map<String, Object> authorize() {
		return Map.of("requestId", "req_123");
	}

	@PostMapping("/v1/token")
	Map<String, Object> token() {
		return Map.of("accessToken", "eyJhbGciOiJub25lIn0.e30.", "expiresIn", 900);
	}

	@PostMapping("/v1/token/refresh")
	Map<String, Object> refresh() {
		return Map.of("accessToken", "eyJhbGciOiJub25lIn0.e30.", "expiresIn", 900);
	}

	@GetMapping("/.well-known/jwks.json")
	Map<String, Object> jwks() {
		return Map.of("keys", List.of());
	}

}
