package dev.tollgate.key;

import java.security.SecureRandom;

/**
 * A 128-bit fingerprint of a string: SipHash-2-4 with a 128-bit output, under a secret
 * drawn when the fingerprint is made, of the string's UTF-16 code units. The in-memory
 * store keeps it in place of a key, and {@link SipHashKeyHasher} makes keys of it.
 * <p>
 * SipHash is a pseudorandom function: without the secret, which never leaves this
 * object, a client cannot choose a key that shares another key's fingerprint (and so
 * its bucket), and two keys share one by chance with a probability of 2<sup>-128</sup>
 * per pair, nothing with any number of keys a process can hold. Keeping fingerprints
 * rather than keys also means that the store holds no key in clear, not even one that
 * is not a credential.
 */
public final class KeyFingerprint {

	private final long k0;

	private final long k1;

	/** A fingerprint under a random secret. */
	public KeyFingerprint() {
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
	public void of(String key, Sink sink) {
		State state = compressed(key);
		sink.fingerprint(state.finish(0xee), state.finish(0xdd));
	}

	/**
	 * The fingerprint of a value, spelled as a key: its first word's bits first, in 22
	 * characters of URL-safe Base64 without padding.
	 * @param value the value
	 * @return the key
	 */
	String text(String value) {
		return compressed(value).key();
	}

	/**
	 * The fingerprint of a value held as ISO-8859-1 bytes, spelled as a key: the same as
	 * {@link #text(String)} of the string of those characters, each byte read as the
	 * code unit it stands for.
	 * @param latin1 the array holding the value
	 * @param start the index of its first byte
	 * @param end the index after its last byte
	 * @return the key
	 */
	String text(byte[] latin1, int start, int end) {
		return compressed(latin1, start, end).key();
	}

	/** SipHash's state after the whole input: ready to give its two output words. */
	private State compressed(String key) {
		State state = new State(this.k0, this.k1);
		int words = key.length() >>> 2;
		for (int w = 0; w <= words; w++) {
			state.compress((w < words) ? word(key, w << 2) : lastWord(key, w << 2));
		}
		return state;
	}

	/** As {@link #compressed(String)}, each byte a code unit of its own. */
	private State compressed(byte[] latin1, int start, int end) {
		State state = new State(this.k0, this.k1);
		int length = end - start;
		int words = length >>> 2;
		for (int w = 0; w <= words; w++) {
			int at = start + (w << 2);
			state.compress((w < words) ? word(latin1, at) : lastWord(latin1, at, end, length));
		}
		return state;
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

	/** Four bytes as four code units, as {@link #word(String, int)} reads characters. */
	private static long word(byte[] latin1, int at) {
		return (latin1[at] & 0xffL) | ((latin1[at + 1] & 0xffL) << 16) | ((latin1[at + 2] & 0xffL) << 32)
				| ((latin1[at + 3] & 0xffL) << 48);
	}

	/** As {@link #lastWord(String, int)}: the last 0 to 3 bytes, under the length. */
	private static long lastWord(byte[] latin1, int at, int end, int length) {
		long last = ((long) ((length << 1) & 0xff)) << 56;
		for (int shift = 0; at < end; at++, shift += 16) {
			last |= (latin1[at] & 0xffL) << shift;
		}
		return last;
	}

	/**
	 * SipHash's four words of state. Local to one fingerprint, and small enough to be
	 * inlined, so that the JIT keeps it in registers rather than allocating it.
	 */
	private static final class State {

		private long v0;

		private long v1;

		private long v2;

		private long v3;

		State(long k0, long k1) {
			this.v0 = k0 ^ 0x736f6d6570736575L;
			// 0xee: the 128-bit output variant
			this.v1 = k1 ^ 0x646f72616e646f6dL ^ 0xee;
			this.v2 = k0 ^ 0x6c7967656e657261L;
			this.v3 = k1 ^ 0x7465646279746573L;
		}

		/** One 8-byte word of input, with two rounds (SipHash-2-x). */
		void compress(long m) {
			this.v3 ^= m;
			rounds(2);
			this.v0 ^= m;
		}

		/**
		 * One 64-bit word of output, with four rounds (SipHash-x-4): the first under
		 * {@code 0xee}, the second under {@code 0xdd}.
		 */
		long finish(int constant) {
			if (constant == 0xee) {
				this.v2 ^= constant;
			}
			else {
				this.v1 ^= constant;
			}
			rounds(4);
			return this.v0 ^ this.v1 ^ this.v2 ^ this.v3;
		}

		/** Both output words spelled as a key, the first word's bits first. */
		String key() {
			long first = finish(0xee);
			return Base64Key.of(first, finish(0xdd));
		}

		private void rounds(int count) {
			for (int r = 0; r < count; r++) {
				this.v0 += this.v1;
				this.v1 = Long.rotateLeft(this.v1, 13) ^ this.v0;
				this.v0 = Long.rotateLeft(this.v0, 32);
				this.v2 += this.v3;
				this.v3 = Long.rotateLeft(this.v3, 16) ^ this.v2;
				this.v0 += this.v3;
				this.v3 = Long.rotateLeft(this.v3, 21) ^ this.v0;
				this.v2 += this.v1;
				this.v1 = Long.rotateLeft(this.v1, 17) ^ this.v2;
				this.v2 = Long.rotateLeft(this.v2, 32);
			}
		}

	}

	/** What receives a fingerprint. */
	public interface Sink {

		/**
		 * Take a fingerprint.
		 * @param first SipHash's first output word (bytes 0 to 7, little-endian)
		 * @param second its second (bytes 8 to 15)
		 */
		void fingerprint(long first, long second);

	}

}
