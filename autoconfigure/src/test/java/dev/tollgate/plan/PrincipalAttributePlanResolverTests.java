package dev.tollgate.plan;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code principal:<attribute>} reads the plan from the authenticated principal as
 * Spring Security leaves it on the request: an introspected OAuth2 token's attributes
 * or a JWT's (or ID token's) claims. Anything else has no plan, which gives the
 * limit's default rate.
 */
class PrincipalAttributePlanResolverTests {

	private static final List<GrantedAuthority> USER = List.of(new SimpleGrantedAuthority("ROLE_USER"));

	private final RateLimitPlanResolver resolver = new PlanResolvers(Map.of(), getClass().getClassLoader())
		.forSpec("principal:plan");

	@Test
	void readsAnAttributeOfAnIntrospectedToken() {
		var principal = new DefaultOAuth2AuthenticatedPrincipal("alice", Map.of("plan", "paid", "sub", "alice"), USER);
		assertThat(this.resolver.resolvePlan(requestBy(new TestingAuthenticationToken(principal, null, USER))))
			.isEqualTo("paid");
	}

	@Test
	void readsAClaimOfAToken() {
		var token = new OidcIdToken("token-value", Instant.parse("2026-01-01T00:00:00Z"),
				Instant.parse("2026-01-01T01:00:00Z"), Map.of("sub", "bob", "plan", "enterprise"));
		assertThat(this.resolver.resolvePlan(requestBy(new TestingAuthenticationToken(token, null, USER))))
			.isEqualTo("enterprise");
	}

	@Test
	void aNonTextAttributeIsTakenAsText() {
		var principal = new DefaultOAuth2AuthenticatedPrincipal("carol", Map.of("plan", 3), USER);
		assertThat(this.resolver.resolvePlan(requestBy(new TestingAuthenticationToken(principal, null, USER))))
			.isEqualTo("3");
	}

	@Test
	void noAttributeNoPrincipalOrAnotherKindOfPrincipalHaveNoPlan() {
		var withoutPlan = new DefaultOAuth2AuthenticatedPrincipal("dave", Map.of("sub", "dave"), USER);
		assertThat(this.resolver.resolvePlan(requestBy(new TestingAuthenticationToken(withoutPlan, null, USER))))
			.isNull();
		assertThat(this.resolver.resolvePlan(new MockHttpServletRequest("GET", "/api"))).isNull();
		assertThat(this.resolver.resolvePlan(requestBy(new TestingAuthenticationToken("erin", "password", USER))))
			.isNull();
		assertThat(this.resolver.resolvePlan(requestBy(() -> "frank"))).isNull();
	}

	@Test
	void needsAnAttributeName() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PlanResolvers(Map.of(), getClass().getClassLoader()).forSpec("principal:"))
			.withMessageContaining("no plan resolver is named 'principal:'");
	}

	private static MockHttpServletRequest requestBy(java.security.Principal principal) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api");
		request.setUserPrincipal(principal);
		return request;
	}

}
