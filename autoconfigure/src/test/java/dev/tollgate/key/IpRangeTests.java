package dev.tollgate.key;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class IpRangeTests {

	@Test
	void onlyAZeroPrefixCoversEveryAddress() {
		assertThat(IpRange.parse("0.0.0.0/0").coversEveryAddress()).isTrue();
		assertThat(IpRange.parse("::/0").coversEveryAddress()).isTrue();
		assertThat(IpRange.parse("::ffff:0.0.0.0/96").coversEveryAddress()).as("every IPv4 address").isTrue();
		assertThat(IpRange.parse("0.0.0.0/1").coversEveryAddress()).isFalse();
		assertThat(IpRange.parse("10.0.0.1").coversEveryAddress()).isFalse();
	}

	@Test
	void anIpv4MappedRangeIsWrittenInIpv6PrefixBits() {
		IpRange range = IpRange.parse("::ffff:10.0.0.0/104");
		assertThat(range.contains(ip("10.255.1.2"))).isTrue();
		assertThat(range.contains(ip("11.0.0.1"))).isFalse();
		assertThat(IpRange.parse("::ffff:192.0.2.1").contains(ip("192.0.2.1"))).isTrue();
		assertThat(IpRange.parse("::ffff:192.0.2.1").contains(ip("192.0.2.2"))).isFalse();
	}

	@Test
	void containsAddressesWithinPrefix() {
		IpRange range = IpRange.parse("10.0.0.0/8");
		assertThat(range.contains(ip("10.255.1.2"))).isTrue();
		assertThat(range.contains(ip("11.0.0.1"))).isFalse();
		assertThat(range.contains(ip("::ffff:10.1.1.1"))).isTrue();
		assertThat(IpRange.parse("192.168.1.0/23").contains(ip("192.168.0.7"))).isTrue();
		assertThat(IpRange.parse("192.168.1.0/23").contains(ip("192.168.2.7"))).isFalse();
		assertThat(IpRange.parse("2001:db8::/32").contains(ip("2001:db8:ffff::1"))).isTrue();
		assertThat(IpRange.parse("2001:db8::/32").contains(ip("10.0.0.1"))).isFalse();
		assertThat(IpRange.parse("203.0.113.7").contains(ip("203.0.113.7"))).isTrue();
		assertThat(IpRange.parse("203.0.113.7").contains(ip("203.0.113.8"))).isFalse();
		assertThat(IpRange.parse("0.0.0.0/0").contains(ip("198.51.100.1"))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/x", "proxy.internal", "2001:db8::/129", "" })
	void rejectsInvalidRanges(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> IpRange.parse(text));
	}

	private static byte[] ip(String text) {
		return IpAddresses.parse(text, false);
	}

}
