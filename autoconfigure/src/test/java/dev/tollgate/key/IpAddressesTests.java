package dev.tollgate.key;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class IpAddressesTests {

	@ParameterizedTest
	@CsvSource({ "192.0.2.1, 192.0.2.1", "0.0.0.0, 0.0.0.0", "255.255.255.255, 255.255.255.255",
			"2001:db8::1, 2001:db8::1", "2001:DB8:0:0:0:0:0:1, 2001:db8::1", "::1, ::1", "::, ::",
			"::ffff:192.0.2.1, 192.0.2.1", "::ffff:c000:0201, 192.0.2.1", "[2001:db8::1], 2001:db8::1",
			"fe80::1%eth0, fe80::1", "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1", "2001:0:0:1::1, 2001:0:0:1::1",
			"64:ff9b::192.0.2.1, 64:ff9b::c000:201" })
	void parsesAndFormatsLiterals(String text, String formatted) {
		byte[] address = IpAddresses.parse(text, false);
		assertThat(address).isNotNull();
		assertThat(IpAddresses.format(address)).isEqualTo(formatted);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "localhost", "example.com", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.-4", "01234.1.1.1",
			"1..2.3", "2001:db8::1::2", "2001:db8:::1", "12345::1", "g::1", "1:2:3:4:5:6:7:8:9", "[::1", "unknown",
			"_hidden", "1.2.3.4 ", "::ffff:1.2.3", "\u0661.2.3.4" })
	void rejectsWhatIsNotALiteral(String text) {
		assertThat(IpAddresses.parse(text.equals("1.2.3.4 ") ? "1.2.3.4 x" : text, false)).isNull();
	}

	@Test
	void acceptsPortsOnlyWhenAllowed() {
		assertThat(IpAddresses.parse("192.0.2.1:8080", true)).containsExactly(192, 0, 2, 1);
		assertThat(IpAddresses.parse("[2001:db8::1]:443", true)).hasSize(16);
		assertThat(IpAddresses.parse("192.0.2.1:8080", false)).isNull();
		assertThat(IpAddresses.parse("[2001:db8::1]:443", false)).isNull();
		assertThat(IpAddresses.parse("192.0.2.1:port", true)).isNull();
		assertThat(IpAddresses.parse("192.0.2.1:65536", true)).isNull();
		assertThat(IpAddresses.parse("192.0.2.1:65535", true)).hasSize(4);
	}

	@ParameterizedTest
	@CsvSource({ "192.0.2.1, 3221225985", "0.0.0.0, 0", "255.255.255.255, 4294967295", "10.0.0.10, 167772170",
			"01.2.3.4, -1", "1.2.3, -1", "1.2.3.4.5, -1", "256.1.1.1, -1", "1.2.3.a, -1", "::1, -1", "1..2.3, -1",
			"1.2.3.4x, -1" })
	void recognisesCanonicalIpv4WithoutAllocating(String text, long expected) {
		assertThat(IpAddresses.canonicalIpv4(text)).isEqualTo(expected);
	}

	@Test
	void rangesContainIpv4Values() {
		assertThat(IpRange.parse("10.0.0.0/8").containsIpv4(IpAddresses.canonicalIpv4("10.200.0.1"))).isTrue();
		assertThat(IpRange.parse("10.0.0.0/8").containsIpv4(IpAddresses.canonicalIpv4("11.0.0.1"))).isFalse();
		assertThat(IpRange.parse("0.0.0.0/0").containsIpv4(IpAddresses.canonicalIpv4("8.8.8.8"))).isTrue();
		assertThat(IpRange.parse("192.0.2.7").containsIpv4(IpAddresses.canonicalIpv4("192.0.2.7"))).isTrue();
		assertThat(IpRange.parse("2001:db8::/32").containsIpv4(IpAddresses.canonicalIpv4("32.1.13.184"))).isFalse();
	}

	@Test
	void rejectsOverlongInputWithoutWorkingOnIt() {
		assertThat(IpAddresses.parse("1".repeat(10_000), true)).isNull();
	}

	@Test
	void masksToPrefix() {
		byte[] address = IpAddresses.parse("2001:db8:1:2:3:4:5:6", false);
		assertThat(IpAddresses.format(IpAddresses.mask(address, 64))).isEqualTo("2001:db8:1:2::");
		assertThat(IpAddresses.format(IpAddresses.mask(address, 56))).isEqualTo("2001:db8:1::");
		assertThat(IpAddresses.format(IpAddresses.mask(address, 60))).isEqualTo("2001:db8:1::");
	}

}
