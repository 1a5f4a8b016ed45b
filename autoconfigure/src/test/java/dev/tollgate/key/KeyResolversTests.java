package dev.tollgate.key;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class KeyResolversTests {

	private final ClientIpKeyResolver clientIp = new ClientIpKeyResolver(List.of(), ForwardedHeader.X_FORWARDED_FOR,
			64);

	private final KeyHasher hasher = new SipHashKeyHasher();

	private final KeyResolvers resolvers = new KeyResolvers(this.clientIp, this.hasher,
			Map.of("tenant", (request) -> request.getHeader("X-Tenant")), MissingKeyPolicy.CLIENT_IP);

	@Test
	void headerKeysAreHashedNeverClear() {
		MockHttpServletRequest request = request();
		request.addHeader("Authorization", "Bearer secret-token");
		String key = this.resolvers.forKey("header:Authorization").resolveKey(request);
		assertThat(key).hasSize(22).doesNotContain("secret").isEqualTo(this.hasher.hash("secret-token"));
	}

	@Test
	void authorizationHeadersAreKeyedByTheirCredentialsAloneOtherHeadersByTheWholeValue() {
		MockHttpServletRequest request = request();
		request.addHeader("Authorization", "bearer  secret-token");
		request.addHeader("Proxy-Authorization", "Basic dTpw");
		request.addHeader("X-Api-Key", "Key secret-token");
		assertThat(this.resolvers.forKey("header:authorization").resolveKey(request))
			.isEqualTo(this.hasher.hash("secret-token"));
		assertThat(this.resolvers.forKey(" HEADER: Proxy-Authorization ").resolveKey(request))
			.isEqualTo(this.hasher.hash("dTpw"));
		assertThat(this.resolvers.forKey("header:X-Api-Key").resolveKey(request))
			.isEqualTo(this.hasher.hash("Key secret-token"));
		assertThat(KeyResolvers.hasherOf("header:X-Authorization", this.hasher)).isSameAs(this.hasher);
		assertThat(KeyResolvers.hasherOf("principal", this.hasher)).isSameAs(this.hasher);
	}

	@Test
	void missingHeaderFallsBackToClientIp() {
		assertThat(this.resolvers.forKey("header:X-Api-Key").resolveKey(request())).isEqualTo("192.0.2.1");
	}

	@Test
	void missingHeaderSharesOneBucketWhenConfigured() {
		KeyResolvers shared = new KeyResolvers(this.clientIp, this.hasher, Map.of(), MissingKeyPolicy.SHARED);
		assertThat(shared.forKey("header:X-Api-Key").resolveKey(request())).isEqualTo(FallbackKeyResolver.SHARED_KEY);
	}

	@Test
	void principalIsHashed() {
		MockHttpServletRequest request = request();
		Principal alice = () -> "alice";
		request.setUserPrincipal(alice);
		assertThat(this.resolvers.forKey("principal").resolveKey(request)).isEqualTo(this.hasher.hash("alice"));
		assertThat(this.resolvers.forKey("principal").resolveKey(request())).isEqualTo("192.0.2.1");
	}

	@Test
	void beanResolversAreFoundByNameAndHashed() {
		MockHttpServletRequest request = request();
		request.addHeader("X-Tenant", "acme");
		assertThat(this.resolvers.forKey("tenant").resolveKey(request)).isEqualTo(this.hasher.hash("acme"));
	}

	@Test
	void ipIsTheClientAddress() {
		assertThat(this.resolvers.forKey("ip").resolveKey(request())).isEqualTo("192.0.2.1");
	}

	@Test
	void unknownKeysAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.resolvers.forKey("session"))
			.withMessageContaining("[tenant]");
		assertThatIllegalArgumentException().isThrownBy(() -> this.resolvers.forKey("header:"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.resolvers.forKey("header:Bad Name"));
	}

	private static MockHttpServletRequest request() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
		request.setRemoteAddr("192.0.2.1");
		return request;
	}

}
