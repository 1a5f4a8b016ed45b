package dev.tollgate.rule;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;

/**
 * All limits of an application and the one engine that decides which apply to a
 * request, whether they came from configuration or annotations.
 * <ul>
 * <li>A request on a route exempt from every limit gets no limit at all.</li>
 * <li>Otherwise every named limit whose route matches applies (they stack), except
 * those the route is exempt from by name.</li>
 * <li>The default limit applies only when no named limit matches.</li>
 * </ul>
 */
public final class RateLimitRules {

	private final List<RateLimitRule> limits;

	private final @Nullable RateLimitRule defaultLimit;

	private final List<Exemption> exemptions;

	private final List<Exemption> partialExemptions;

	public RateLimitRules(List<RateLimitRule> limits, @Nullable RateLimitRule defaultLimit,
			List<Exemption> exemptions) {
		this.limits = List.copyOf(limits);
		this.defaultLimit = defaultLimit;
		this.exemptions = exemptions.stream().filter(Exemption::coversAll).toList();
		this.partialExemptions = exemptions.stream().filter((exemption) -> !exemption.coversAll()).toList();
	}

	/**
	 * The limits that apply to a request, in the order they were defined.
	 * @param path the request's path within the application, as Spring MVC parsed it
	 * @param method the request's HTTP method
	 * @return the applicable limits, empty when none applies or the route is exempt
	 */
	public List<RateLimitRule> applicableTo(PathContainer path, String method) {
		for (Exemption exemption : this.exemptions) {
			if (exemption.route().matches(path, method)) {
				return List.of();
			}
		}
		List<RateLimitRule> applicable = null;
		for (RateLimitRule limit : this.limits) {
			if (limit.getRoute().matches(path, method) && !isExemptFrom(limit, path, method)) {
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

	private boolean isExemptFrom(RateLimitRule limit, PathContainer path, String method) {
		for (Exemption exemption : this.partialExemptions) {
			if (exemption.limits().contains(limit.getName()) && exemption.route().matches(path, method)) {
				return true;
			}
		}
		return false;
	}

	public List<RateLimitRule> getLimits() {
		return this.limits;
	}

	public @Nullable RateLimitRule getDefaultLimit() {
		return this.defaultLimit;
	}

	/**
	 * Every exemption, from all limits or from some.
	 * @return the exemptions
	 */
	public List<Exemption> getExemptions() {
		List<Exemption> all = new ArrayList<>(this.exemptions);
		all.addAll(this.partialExemptions);
		return all;
	}

}
