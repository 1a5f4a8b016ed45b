package dev.tollgate.key;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ClientIpKeyResolverTests {

	private final ClientIpKeyResolver untrusting = new ClientIpKeyResolver(List.of(), ForwardedHeader.X_FORWARDED_FOR,
			64);

	private final ClientIpKeyResolver behindProxies = new ClientIpKeyResolver(
			List.of(IpRange.parse("10.0.0.0/8"), IpRange.parse("2001:db8:ffff::/48")), ForwardedHeader.X_FORWARDED_FOR,
			64);

	@Test
	void ignoresForwardingHeadersWithoutTrustedProxy() {
		MockHttpServletRequest request = request("203.0.113.9");
		request.addHeader("X-Forwarded-For", "198.51.100.1");
		request.addHeader("Forwarded", "for=198.51.100.2");
		assertThat(this.untrusting.resolveKey(request)).isEqualTo("203.0.113.9");
	}

	@Test
	void ignoresForwardingHeadersFromAnUntrustedPeer() {
		MockHttpServletRequest request = request("203.0.113.9");
		request.addHeader("X-Forwarded-For", "198.51.100.1");
		assertThat(this.behindProxies.resolveKey(request)).isEqualTo("203.0.113.9");
	}

	@Test
	void takesRightMostUntrustedHopBehindTrustedProxies() {
		MockHttpServletRequest request = request("10.0.0.2");
		request.addHeader("X-Forwarded-For", "1.1.1.1, 198.51.100.7, 10.0.0.1");
		assertThat(this.behindProxies.resolveKey(request)).isEqualTo("198.51.100.7");
	}

	@Test
	void readsSeveralHeaderLinesInOrder() {
		MockHttpServletRequest request = request("10.0.0.2");
		request.addHeader("X-Forwarded-For", "1.1.1.1, 198.51.100.7");
		request.addHeader("X-Forwarded-For", "10.0.0.1");
		assertThat(this.behindProxies.resolveKey(request)).isEqualTo("198.51.100.7");
	}

	@Test
	void stopsAtGarbageAndKeepsTheLastTrustedHop() {
		MockHttpServletRequest request = request("10.0.0.2");
		request.addHeader("X-Forwarded-For", "198.51.100.7, not-an-ip, 10.0.0.1");
		assertThat(this.behindProxies.resolveKey(request)).isEqualTo("10.0.0.1");
	}

	@Test
	void usesLeftMostWhenEveryHopIsTrusted() {
		MockHttpServletRequest request = request("10.0.0.2");
		request.addHeader("X-Forwarded-For", "10.9.9.9, 10.0.0.1");
		assertThat(this.behindProxies.resolveKey(request)).isEqualTo("10.9.9.9");
	}

	@Test
	void boundsTheWalkThroughThousandsOfHops() {
		MockHttpServletRequest request = request("10.0.0.2");
		request.addHeader("X-Forwarded-For", "198.51.100.7, " + "10.0.0.1, ".repeat(5000) + "10.0.0.1");
		assertThat(this.behindProxies.resolveKey(request)).isEqualTo("10.0.0.1");
	}

	@Test
	void readsRfc7239ForwardedOnlyWhenConfigured() {
		ClientIpKeyResolver resolver = new ClientIpKeyResolver(List.of(IpRange.parse("10.0.0.0/8")),
				ForwardedHeader.FORWARDED, 64);
		MockHttpServletRequest request = request("10.0.0.2");
		request.addHeader("X-Forwarded-For", "192.0.2.99");
		request.addHeader("Forwarded", "for=192.0.2.60;proto=http, for=\"[2001:db8:cafe::17]:4711\";by=10.0.0.2");
		assertThat(resolver.resolveKey(request)).isEqualTo("2001:db8:cafe::/64");
	}

	@Test
	void groupsIpv6ClientsByPrefix() {
		assertThat(this.untrusting.resolveKey(request("2001:db8:1:2:aaaa::1")))
			.isEqualTo(this.untrusting.resolveKey(request("2001:db8:1:2:bbbb:cccc:dddd:eeee")))
			.isEqualTo("2001:db8:1:2::/64");
		assertThat(this.untrusting.resolveKey(request("2001:db8:1:3::1"))).isEqualTo("2001:db8:1:3::/64");
	}

	@Test
	void countsIpv4MappedAddressesAsIpv4() {
		assertThat(this.untrusting.resolveKey(request("::ffff:192.0.2.1"))).isEqualTo("192.0.2.1");
	}

	@Test
	void groupsIpv6HopsBehindProxiesToo() {
		MockHttpServletRequest request = request("10.0.0.2");
		request.addHeader("X-Forwarded-For", "[2001:db8:5:6:7:8:9:a]:1234");
		assertThat(this.behindProxies.resolveKey(request)).isEqualTo("2001:db8:5:6::/64");
	}

	private static MockHttpServletRequest request(String remoteAddress) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
		request.setRemoteAddr(remoteAddress);
		return request;
	}

}
