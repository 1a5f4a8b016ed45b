package dev.tollgate.rule;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;

/**
 * All limits of an application and the one engine that decides which apply to a
 * request.
 * <ul>
 * <li>A request on an exempt route gets no limit at all.</li>
 * <li>Otherwise every named limit whose route matches applies (they stack).</li>
 * <li>The default limit applies only when no named limit matches.</li>
 * </ul>
 */
public final class RateLimitRules {

	private final List<RateLimitRule> limits;

	private final @Nullable RateLimitRule defaultLimit;

	private final List<RouteMatcher> exemptions;

	public RateLimitRules(List<RateLimitRule> limits, @Nullable RateLimitRule defaultLimit,
			List<RouteMatcher> exemptions) {
		this.limits = List.copyOf(limits);
		this.defaultLimit = defaultLimit;
		this.exemptions = List.copyOf(exemptions);
	}

	/**
	 * The limits that apply to a request, in the order they were defined.
	 * @param path the request's path within the application, as Spring MVC parsed it
	 * @param method the request's HTTP method
	 * @return the applicable limits, empty when none applies or the route is exempt
	 */
	public List<RateLimitRule> applicableTo(PathContainer path, String method) {
		for (RouteMatcher exemption : this.exemptions) {
			if (exemption.matches(path, method)) {
				return List.of();
			}
		}
		List<RateLimitRule> applicable = null;
		for (RateLimitRule limit : this.limits) {
			if (limit.getRoute().matches(path, method)) {
				if (applicable == null) {
					applicable = new ArrayList<>(2);
				}
				applicable.add(limit);
			}
		}
		if (applicable != null) {
			return applicable;
		}
		if (this.defaultLimit != null && this.defaultLimit.getRoute().matches(path, method)) {
			return List.of(this.defaultLimit);
		}
		return List.of();
	}

	public List<RateLimitRule> getLimits() {
		return this.limits;
	}

	public @Nullable RateLimitRule getDefaultLimit() {
		return this.defaultLimit;
	}

	public List<RouteMatcher> getExemptions() {
		return this.exemptions;
	}

}
