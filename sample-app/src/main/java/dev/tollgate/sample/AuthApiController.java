package dev.tollgate.sample;

import java.util.List;
import java.util.Map;

import dev.tollgate.annotation.RateLimit;
import dev.tollgate.annotation.RateLimitExempt;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stub endpoints of the auth API reference policy. The per-route limits are declared
 * here; the 100/minute default for every other route and the header style are in
 * {@code application-auth-api.yml}, where {@code tollgate.limits.<name>} can also
 * retune any of these limits without a rebuild.
 */
@RestController
@Profile("auth-api")
class AuthApiController {

	@GetMapping("/v1/grants")
	Map<String, Object> grants() {
		return Map.of("grants", List.of());
	}

	@PostMapping("/v1/authorize")
	@RateLimit(name = "authorize", rate = "10/1m")
	Map<String, Object> authorize() {
		return Map.of("requestId", "req_123");
	}

	@PostMapping("/v1/token")
	@RateLimit(name = "token", rate = "20/1m")
	Map<String, Object> token() {
		return Map.of("accessToken", "eyJhbGciOiJub25lIn0.e30.", "expiresIn", 900);
	}

	@PostMapping("/v1/token/refresh")
	@RateLimit(name = "token-refresh", rate = "20/1m")
	Map<String, Object> refresh() {
		return Map.of("accessToken", "eyJhbGciOiJub25lIn0.e30.", "expiresIn", 900);
	}

	@GetMapping("/.well-known/jwks.json")
	@RateLimitExempt
	Map<String, Object> jwks() {
		return Map.of("keys", List.of());
	}

}
