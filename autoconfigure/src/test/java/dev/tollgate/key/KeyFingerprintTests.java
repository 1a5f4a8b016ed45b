package dev.tollgate.key;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fingerprint is SipHash-2-4 with a 128-bit output over a key's UTF-16LE bytes:
 * checked against the reference implementation's vectors ({@code vectors.h} in
 * github.com/veorq/SipHash: key {@code 00..0f}, message {@code 00..(n-1)}), for the
 * even lengths a string of code units can spell.
 */
class KeyFingerprintTests {

	private static final KeyFingerprint REFERENCE_KEY = new KeyFingerprint(0x0706050403020100L, 0x0f0e0d0c0b0a0908L);

	@ParameterizedTest
	@CsvSource({ "0, a3817f04ba25a8e66df67214c7550293", "2, 8177228da4a45dc7fca38bdef60affe4",
			"4, f88164c12d9c8faf7d0f6e7c7bcd5579", "56, 1938f2cf72d54ee97e94166fa91d2a36",
			"58, 57fca5de98a9d6d8006438d0583d8a1d", "60, e3040c00eb28f15366ca73cbd872e740",
			"62, 5853542321f567a005d547a4f04759bd" })
	void matchesTheReferenceVectors(int bytes, String tag) {
		StringBuilder message = new StringBuilder();
		for (int i = 0; i < bytes; i += 2) {
			message.append((char) (i | ((i + 1) << 8)));
		}
		long[] fingerprint = fingerprint(REFERENCE_KEY, message.toString());
		byte[] expected = HexFormat.of().parseHex(tag);
		assertThat(fingerprint[0]).isEqualTo(littleEndian(expected, 0));
		assertThat(fingerprint[1]).isEqualTo(littleEndian(expected, 8));
	}

	@Test
	void differsUnderAnotherSecret() {
		KeyFingerprint one = new KeyFingerprint();
		KeyFingerprint other = new KeyFingerprint();
		assertThat(fingerprint(one, "203.0.113.7")).isEqualTo(fingerprint(one, "203.0.113.7"))
			.isNotEqualTo(fingerprint(other, "203.0.113.7"));
	}

	private static long[] fingerprint(KeyFingerprint fingerprint, String key) {
		long[] out = new long[2];
		fingerprint.of(key, (first, second) -> {
			out[0] = first;
			out[1] = second;
		});
		return out;
	}

	private static long littleEndian(byte[] bytes, int from) {
		long value = 0;
		for (int i = 7; i >= 0; i--) {
			value = (value << 8) | (bytes[from + i] & 0xff);
		}
		return value;
	}

}
