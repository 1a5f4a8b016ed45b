package dev.tollgate.store;

import java.security.SecureRandom;

/**
 * The 128 bits the in-memory store keeps in place of a key: SipHash-2-4 with a 128-bit
 * output, under a secret drawn when the store is made, of the key's UTF-16 code units.
 * <p>
 * SipHash is a pseudorandom function: without the secret, which never leaves this
 * object, a client cannot choose a key that shares another key's fingerprint (and so
 * its bucket), and two keys share one by chance with a probability of 2<sup>-128</sup>
 * per pair, nothing with any number of keys a process can hold. Keeping fingerprints
 * rather than keys also means that the store holds no key in clear, not even one that
 * is not a credential.
 */
final class KeyFingerprint {

	private final long k0;

	private final long k1;

	/** A fingerprint under a random secret. */
	KeyFingerprint() {
		this(new SecureRandom());
	}

	KeyFingerprint(SecureRandom random) {
		this(random.nextLong(), random.nextLong());
	}

	/**
	 * A fingerprint under the given secret, as SipHash's little-endian key words.
	 * @param k0 the first 8 bytes of the secret
	 * @param k1 the last 8 bytes
	 */
	KeyFingerprint(long k0, long k1) {
		this.k0 = k0;
		this.k1 = k1;
	}

	/**
	 * The fingerprint of a key.
	 * @param key the key
	 * @param sink what receives the fingerprint's two words
	 */
	void of(String key, Sink sink) {
		long v0 = this.k0 ^ 0x736f6d6570736575L;
		long v1 = this.k1 ^ 0x646f72616e646f6dL ^ 0xee;
		long v2 = this.k0 ^ 0x6c7967656e657261L;
		long v3 = this.k1 ^ 0x7465646279746573L;
		int length = key.length();
		int words = length >>> 2;
		for (int w = 0; w <= words; w++) {
			long m = (w < words) ? word(key, w << 2) : lastWord(key, w << 2);
			v3 ^= m;
			for (int r = 0; r < 2; r++) {
				v0 += v1;
				v1 = Long.rotateLeft(v1, 13) ^ v0;
				v0 = Long.rotateLeft(v0, 32);
				v2 += v3;
				v3 = Long.rotateLeft(v3, 16) ^ v2;
				v0 += v3;
				v3 = Long.rotateLeft(v3, 21) ^ v0;
				v2 += v1;
				v1 = Long.rotateLeft(v1, 17) ^ v2;
				v2 = Long.rotateLeft(v2, 32);
			}
			v0 ^= m;
		}
		long first = 0;
		for (int half = 0; half < 2; half++) {
			if (half == 0) {
				v2 ^= 0xee;
			}
			else {
				v1 ^= 0xdd;
			}
			for (int r = 0; r < 4; r++) {
				v0 += v1;
				v1 = Long.rotateLeft(v1, 13) ^ v0;
				v0 = Long.rotateLeft(v0, 32);
				v2 += v3;
				v3 = Long.rotateLeft(v3, 16) ^ v2;
				v0 += v3;
				v3 = Long.rotateLeft(v3, 21) ^ v0;
				v2 += v1;
				v1 = Long.rotateLeft(v1, 17) ^ v2;
				v2 = Long.rotateLeft(v2, 32);
			}
			if (half == 0) {
				first = v0 ^ v1 ^ v2 ^ v3;
			}
		}
		sink.fingerprint(first, v0 ^ v1 ^ v2 ^ v3);
	}

	/** Four code units, little-endian, as SipHash reads 8 bytes. */
	private static long word(String key, int c) {
		return key.charAt(c) | ((long) key.charAt(c + 1) << 16) | ((long) key.charAt(c + 2) << 32)
				| ((long) key.charAt(c + 3) << 48);
	}

	/** The last 0 to 3 code units, under the input's length in bytes, modulo 256. */
	private static long lastWord(String key, int c) {
		long last = ((long) ((key.length() << 1) & 0xff)) << 56;
		for (int shift = 0; c < key.length(); c++, shift += 16) {
			last |= (long) key.charAt(c) << shift;
		}
		return last;
	}

	/** What receives a fingerprint. */
	interface Sink {

		/**
		 * Take a fingerprint.
		 * @param first SipHash's first output word (bytes 0 to 7, little-endian)
		 * @param second its second (bytes 8 to 15)
		 */
		void fingerprint(long first, long second);

	}

}
