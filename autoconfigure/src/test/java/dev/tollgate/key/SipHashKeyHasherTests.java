package dev.tollgate.key;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key is the value's SipHash-2-4-128 fingerprint under the hasher's secret, in URL-safe
 * Base64: the same for the same value under one secret, another under another secret,
 * and nothing of the value in it.
 */
class SipHashKeyHasherTests {

	/** The SipHash reference implementation's key, {@code 00..0f}. */
	private static final KeyFingerprint REFERENCE_KEY = new KeyFingerprint(0x0706050403020100L, 0x0f0e0d0c0b0a0908L);

	private final SipHashKeyHasher hasher = new SipHashKeyHasher(REFERENCE_KEY);

	/**
	 * The empty value's fingerprint under the reference key is the reference vector
	 * {@code a3817f04ba25a8e66df67214c7550293} (its two words little-endian), which the
	 * key spells with its first word first, as Base64 spells 16 big-endian bytes.
	 */
	@Test
	void spellsTheFingerprintInUrlSafeBase64() {
		long first = Long.reverseBytes(0xa3817f04ba25a8e6L);
		long second = Long.reverseBytes(0x6df67214c7550293L);
		String expected = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(ByteBuffer.allocate(16).putLong(first).putLong(second).array());
		assertThat(this.hasher.hash("")).isEqualTo(expected).hasSize(22);
	}

	@Test
	void theSameValueGivesTheSameKeyAndNothingOfItInClear() {
		String key = this.hasher.hash("Bearer secret-token");
		assertThat(this.hasher.hash("Bearer secret-token")).isEqualTo(key);
		assertThat(key).hasSize(22).matches("[A-Za-z0-9_-]{21}[AQgw]").doesNotContain("secret");
	}

	@Test
	void anotherSecretGivesAnotherKey() {
		String value = "k-3f9a7c1e5b2d4f6a8c0e";
		assertThat(new SipHashKeyHasher().hash(value)).isNotEqualTo(new SipHashKeyHasher().hash(value))
			.isNotEqualTo(this.hasher.hash(value));
	}

	@Test
	void distinctValuesGetDistinctKeys() {
		Set<String> keys = new HashSet<>();
		for (int i = 0; i < 100_000; i++) {
			keys.add(this.hasher.hash("key-" + i));
		}
		keys.add(this.hasher.hash("caf\u00e9"));
		keys.add(this.hasher.hash("cafe"));
		keys.add(this.hasher.hash("x".repeat(10_000)));
		assertThat(keys).hasSize(100_003);
	}

	/**
	 * A value held as ISO-8859-1 bytes, as Tomcat holds a request header, gets the key of
	 * the string of those characters, at every length around SipHash's 4-character
	 * words, with bytes beyond ASCII, wherever it lies in its array.
	 */
	@Test
	void hashesLatin1BytesAsTheStringOfTheirCharacters() {
		byte[] line = new byte[64];
		for (int i = 0; i < line.length; i++) {
			line[i] = (byte) (i * 37 + 0x80);
		}
		for (int start = 0; start < 4; start++) {
			for (int end = start; end <= start + 21; end++) {
				String value = new String(line, start, end - start, StandardCharsets.ISO_8859_1);
				assertThat(this.hasher.hash(line, start, end)).as("bytes %d to %d", start, end)
					.isEqualTo(this.hasher.hash(value));
			}
		}
		assertThat(this.hasher.hash(line, 0, 5)).isNotEqualTo(this.hasher.hash(line, 0, 4))
			.isNotEqualTo(this.hasher.hash(line, 1, 5));
	}

}
