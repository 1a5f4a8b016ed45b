package dev.tollgate.key;

import java.nio.charset.StandardCharsets;

/**
 * A 128-bit number as a key: 22 characters of URL-safe Base64 without padding, the
 * most significant bits first, as {@link java.util.Base64#getUrlEncoder()} encodes the
 * number's 16 bytes in big-endian order.
 */
final class Base64Key {

	/** Characters of a key. */
	static final int LENGTH = 22;

	private static final byte[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
		.getBytes(StandardCharsets.US_ASCII);

	private Base64Key() {
	}

	/**
	 * Encode a number.
	 * @param high its 64 most significant bits
	 * @param low its 64 least significant bits
	 * @return 22 characters: 21 of six bits each, then the last two bits and four zeros
	 */
	static String of(long high, long low) {
		return of(high, low, new byte[LENGTH]);
	}

	/**
	 * Encode a number, spelling it in a buffer of the caller's, which it may reuse.
	 * @param high its 64 most significant bits
	 * @param low its 64 least significant bits
	 * @param key room for the 22 characters
	 * @return the key
	 */
	static String of(long high, long low, byte[] key) {
		for (int i = 0; i < LENGTH; i++) {
			key[i] = ALPHABET[(int) (high >>> 58)];
			high = (high << 6) | (low >>> 58);
			low <<= 6;
		}
		return new String(key, StandardCharsets.ISO_8859_1);
	}

}
