package dev.tollgate.plan;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Reads the plan from a request header. Only for headers a client cannot set itself,
 * such as one an API gateway in front of the application adds after authentication.
 */
public final class HeaderPlanResolver implements RateLimitPlanResolver {

	private final String headerName;

	public HeaderPlanResolver(String headerName) {
		this.headerName = headerName;
	}

	@Override
	public @Nullable String resolvePlan(HttpServletRequest request) {
		String plan = request.getHeader(this.headerName);
		return (plan != null && !plan.isBlank()) ? plan : null;
	}

}
