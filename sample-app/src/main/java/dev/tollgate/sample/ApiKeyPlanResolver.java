package dev.tollgate.sample;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import dev.tollgate.plan.RateLimitPlanResolver;

/**
 * The sample's plan lookup: API keys to plans, in memory. A real application looks the
 * key up in its own database; Tollgate caches the answer per key.
 */
class ApiKeyPlanResolver implements RateLimitPlanResolver {

	private final Map<String, String> plansByApiKey = Map.of("demo-free-key", "free", "demo-paid-key", "paid",
			"demo-internal-key", "internal");

	@Override
	public String resolvePlan(HttpServletRequest request) {
		String apiKey = request.getHeader("X-Api-Key");
		return (apiKey != null) ? this.plansByApiKey.get(apiKey) : null;
	}

}
