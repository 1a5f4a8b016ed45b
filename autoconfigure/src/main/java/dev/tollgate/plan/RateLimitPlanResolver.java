package dev.tollgate.plan;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Says which plan a request's client is on, such as {@code free} or {@code paid}:
 * typically by looking its API key up in the application's own database, or by
 * reading a JWT claim. Implement it as a bean; Tollgate caches its answer per key, so
 * it is not called on every request.
 */
@FunctionalInterface
public interface RateLimitPlanResolver {

	/**
	 * Resolve the plan of a request.
	 * @param request the request
	 * @return the plan's name, or {@code null} when the client has no known plan (it
	 * then gets the limit's own rates)
	 */
	@Nullable String resolvePlan(HttpServletRequest request);

}
