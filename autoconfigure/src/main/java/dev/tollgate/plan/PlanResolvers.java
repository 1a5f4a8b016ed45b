package dev.tollgate.plan;

import java.util.Map;
import java.util.TreeSet;

import org.springframework.util.ClassUtils;

/**
 * Turns a plan resolver as written in configuration or an annotation into a
 * resolver: {@code header:<Name>}, {@code principal:<attribute>} (with Spring
 * Security's OAuth2 support), the name of a {@link RateLimitPlanResolver} bean, or
 * nothing for the application's only such bean.
 */
public final class PlanResolvers {

	/** Examples of valid plan resolvers, for error messages. */
	public static final String EXAMPLES = "header:X-Plan, principal:plan, or the name of a RateLimitPlanResolver bean";

	private static final String HEADER_PREFIX = "header:";

	private static final String PRINCIPAL_PREFIX = "principal:";

	private final Map<String, RateLimitPlanResolver> beans;

	private final boolean oauth2Present;

	public PlanResolvers(Map<String, RateLimitPlanResolver> beans, ClassLoader classLoader) {
		this.beans = Map.copyOf(beans);
		this.oauth2Present = ClassUtils.isPresent(
				"org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal", classLoader);
	}

	/**
	 * The resolver for a specification.
	 * @param spec the resolver as written, or empty for the only resolver bean
	 * @return the resolver
	 * @throws IllegalArgumentException if the specification names no resolver
	 */
	public RateLimitPlanResolver forSpec(String spec) {
		String trimmed = (spec != null) ? spec.trim() : "";
		if (trimmed.isEmpty()) {
			if (this.beans.size() == 1) {
				return this.beans.values().iterator().next();
			}
			throw new IllegalArgumentException("a limit with plans needs a plan resolver; found "
					+ this.beans.size() + " RateLimitPlanResolver beans " + new TreeSet<>(this.beans.keySet()));
		}
		if (trimmed.regionMatches(true, 0, HEADER_PREFIX, 0, HEADER_PREFIX.length())
				&& trimmed.length() > HEADER_PREFIX.length()) {
			return new HeaderPlanResolver(trimmed.substring(HEADER_PREFIX.length()).trim());
		}
		if (trimmed.regionMatches(true, 0, PRINCIPAL_PREFIX, 0, PRINCIPAL_PREFIX.length())
				&& trimmed.length() > PRINCIPAL_PREFIX.length()) {
			if (!this.oauth2Present) {
				throw new IllegalArgumentException("principal attributes need spring-security-oauth2-core");
			}
			return new PrincipalAttributePlanResolver(trimmed.substring(PRINCIPAL_PREFIX.length()).trim());
		}
		RateLimitPlanResolver bean = this.beans.get(trimmed);
		if (bean == null) {
			throw new IllegalArgumentException("no plan resolver is named '" + trimmed + "'; known resolver beans: "
					+ new TreeSet<>(this.beans.keySet()));
		}
		return bean;
	}

}
