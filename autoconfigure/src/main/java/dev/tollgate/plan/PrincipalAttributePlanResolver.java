package dev.tollgate.plan;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

/**
 * Reads the plan from an attribute of the authenticated principal, with Spring
 * Security: a JWT claim ({@code JwtAuthenticationToken}) or an attribute of an
 * introspected token or OAuth2 user ({@link OAuth2AuthenticatedPrincipal}).
 */
public final class PrincipalAttributePlanResolver implements RateLimitPlanResolver {

	private final String attribute;

	public PrincipalAttributePlanResolver(String attribute) {
		this.attribute = attribute;
	}

	@Override
	public @Nullable String resolvePlan(HttpServletRequest request) {
		Principal user = request.getUserPrincipal();
		Object principal = (user instanceof Authentication authentication) ? authentication.getPrincipal() : user;
		Object value = null;
		if (principal instanceof OAuth2AuthenticatedPrincipal oauth2) {
			value = oauth2.getAttribute(this.attribute);
		}
		else if (principal instanceof ClaimAccessor claims) {
			value = claims.getClaims().get(this.attribute);
		}
		return (value != null) ? value.toString() : null;
	}

}
