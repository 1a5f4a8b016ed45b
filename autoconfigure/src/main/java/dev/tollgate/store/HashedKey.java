package dev.tollgate.store;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * A key that is a 128-bit hash written as 22 characters of URL-safe Base64 (what
 * {@code KeyHasher} makes of a credential), held as its two halves. As a cache key it
 * takes 32 bytes where the string takes 64 (the string and its byte array): a sixth of
 * what a tracked key costs. (It does not make a lookup measurably faster: with a
 * million keys, the time goes to reaching the map's node, next to which the key sits.)
 * <p>
 * Only the canonical spelling of 128 bits is read (the last character's four unused
 * bits are zero), so that each such string has exactly one {@code HashedKey} and each
 * {@code HashedKey} exactly one string: a store that keys some entries by
 * {@code HashedKey} and the others by their string keeps every two keys apart that
 * differ as strings.
 */
final class HashedKey {

	/** Characters in the URL-safe Base64 of 128 bits, without padding. */
	private static final int LENGTH = 22;

	private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
		.toCharArray();

	/** The six bits of each character of {@link #ALPHABET}, -1 for any other ASCII. */
	private static final byte[] SIXTETS = sixtets();

	private final long high;

	private final long low;

	private HashedKey(long high, long low) {
		this.high = high;
		this.low = low;
	}

	/**
	 * Read a key as 128 bits of URL-safe Base64.
	 * @param key a resolved key
	 * @return the two halves, or {@code null} when the key is anything but the
	 * canonical 22-character spelling of 128 bits
	 */
	static @Nullable HashedKey of(String key) {
		if (key.length() != LENGTH) {
			return null;
		}
		long high = 0;
		long low = 0;
		// 21 characters of six bits, then the top two bits of the last one
		for (int i = 0; i < LENGTH - 1; i++) {
			int sixtet = sixtet(key.charAt(i));
			if (sixtet < 0) {
				return null;
			}
			high = (high << 6) | (low >>> 58);
			low = (low << 6) | sixtet;
		}
		int last = sixtet(key.charAt(LENGTH - 1));
		if (last < 0 || (last & 0xF) != 0) {
			return null;
		}
		high = (high << 2) | (low >>> 62);
		low = (low << 2) | (last >>> 4);
		return new HashedKey(high, low);
	}

	private static int sixtet(char c) {
		return (c < SIXTETS.length) ? SIXTETS[c] : -1;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof HashedKey key) && key.low == this.low && key.high == this.high;
	}

	@Override
	public int hashCode() {
		// the bits of a cryptographic hash are uniform already
		return (int) this.low;
	}

	/**
	 * The key as it was resolved.
	 * @return the 22 characters this key was read from
	 */
	@Override
	public String toString() {
		char[] chars = new char[LENGTH];
		for (int i = 0; i < LENGTH; i++) {
			// character i holds the bits 127 - 6i down to 122 - 6i, the last four of
			// them below bit 0 (zero)
			chars[i] = ALPHABET[sixBitsFrom(122 - 6 * i)];
		}
		return new String(chars);
	}

	/** Six bits of the 128-bit number, the lowest of them at {@code shift}. */
	private int sixBitsFrom(int shift) {
		long value;
		if (shift >= 64) {
			value = this.high >>> (shift - 64);
		}
		else if (shift > 58) {
			value = (this.low >>> shift) | (this.high << (64 - shift));
		}
		else if (shift >= 0) {
			value = this.low >>> shift;
		}
		else {
			value = this.low << -shift;
		}
		return (int) (value & 0x3F);
	}

	private static byte[] sixtets() {
		byte[] sixtets = new byte[128];
		Arrays.fill(sixtets, (byte) -1);
		for (int i = 0; i < ALPHABET.length; i++) {
			sixtets[ALPHABET[i]] = (byte) i;
		}
		return sixtets;
	}

}
