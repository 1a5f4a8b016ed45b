package dev.tollgate.rule;

import java.util.Set;

/**
 * A route on which some or all limits do not apply.
 *
 * @param route the exempt route
 * @param limits the names of the limits it is exempt from; empty for every limit,
 * the default limit included
 */
public record Exemption(RouteMatcher route, Set<String> limits) {

	public Exemption {
		limits = Set.copyOf(limits);
	}

	/**
	 * An exemption from every limit.
	 * @param route the exempt route
	 * @return the exemption
	 */
	public static Exemption fromAll(RouteMatcher route) {
		return new Exemption(route, Set.of());
	}

	/**
	 * Whether the exemption covers every limit.
	 * @return {@code true} when no particular limits are named
	 */
	public boolean coversAll() {
		return this.limits.isEmpty();
	}

}
