package dev.tollgate.key;

import java.nio.charset.StandardCharsets;

/**
 * Turns a key that may be a credential (a token, an API key, a user name) into 128 bits
 * in 22 characters of URL-safe Base64, so that the clear value is never stored, logged
 * or exposed.
 * <ul>
 * <li>{@link Sha256KeyHasher}: the same value gives the same key on every instance and
 * after every restart, for stores that instances share, such as Redis.</li>
 * <li>{@link SipHashKeyHasher}: a keyed hash under a secret drawn at start-up, for the
 * in-memory store, whose buckets no other instance sees; cheaper, and no one without
 * the secret can tell which value gave a key.</li>
 * </ul>
 */
@FunctionalInterface
public interface KeyHasher {

	/**
	 * Hash a value.
	 * @param value the clear value
	 * @return 22 characters of URL-safe Base64
	 */
	String hash(String value);

	/**
	 * Hash a value held as ISO-8859-1 bytes, one character per byte, as a server may hold
	 * a request header: the key of the string of those characters, which this default
	 * makes first. A hasher that can read the bytes themselves spares the string.
	 * @param latin1 the array holding the value
	 * @param start the index of its first byte
	 * @param end the index after its last byte
	 * @return the same key as {@link #hash(String)} gives the value's string
	 */
	default String hash(byte[] latin1, int start, int end) {
		return hash(new String(latin1, start, end - start, StandardCharsets.ISO_8859_1));
	}

}
