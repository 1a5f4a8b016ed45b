package dev.tollgate.key;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Turns a key that may be a credential (a token, an API key, a user name) into a
 * fixed-length SHA-256 digest, so that the clear value is never stored, logged or
 * exposed. The same input always gives the same key, on every instance: the first 128
 * bits of the SHA-256 of the value's UTF-8 bytes, in URL-safe Base64 without padding.
 */
public final class KeyHasher {

	/** Bytes of the digest kept: 128 bits, far beyond any chance of collision. */
	private static final int KEPT_BYTES = 16;

	/** Characters of a key: 128 bits in Base64, without padding. */
	private static final int KEY_LENGTH = 22;

	/**
	 * Values of up to this many ASCII characters (API keys, most tokens) are encoded
	 * into the thread's buffer; others get an array of their own.
	 */
	private static final int BUFFERED_CHARACTERS = 256;

	private static final byte[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
		.getBytes(StandardCharsets.US_ASCII);

	private final MessageDigest prototype;

	/**
	 * A digest and its buffers per thread, reused (a digest resets itself once it has
	 * answered): cloning a digest for every key cost about 180 bytes a request, and the
	 * arrays of the value's bytes, the digest and the encoding 160 more. On virtual
	 * threads, one thread per request, it is still one clone per request.
	 */
	private final ThreadLocal<Hashing> hashings = ThreadLocal.withInitial(() -> new Hashing(newDigest()));

	public KeyHasher() {
		try {
			this.prototype = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by the Java platform", ex);
		}
	}

	/**
	 * Hash a value.
	 * @param value the clear value
	 * @return 22 characters of URL-safe Base64
	 */
	public String hash(String value) {
		return this.hashings.get().hash(value);
	}

	private MessageDigest newDigest() {
		try {
			return (MessageDigest) this.prototype.clone();
		}
		catch (CloneNotSupportedException ex) {
			try {
				return MessageDigest.getInstance("SHA-256");
			}
			catch (NoSuchAlgorithmException impossible) {
				throw new IllegalStateException(impossible);
			}
		}
	}

	/** One thread's digest, with room for a value's bytes, the digest and the key. */
	private static final class Hashing {

		private final MessageDigest digest;

		private final byte[] value = new byte[BUFFERED_CHARACTERS];

		private final byte[] digested;

		private final byte[] key = new byte[KEY_LENGTH];

		Hashing(MessageDigest digest) {
			this.digest = digest;
			this.digested = new byte[digest.getDigestLength()];
		}

		String hash(String value) {
			int length = ascii(value);
			if (length >= 0) {
				this.digest.update(this.value, 0, length);
			}
			else {
				this.digest.update(value.getBytes(StandardCharsets.UTF_8));
			}
			try {
				this.digest.digest(this.digested, 0, this.digested.length);
			}
			catch (DigestException ex) {
				throw new IllegalStateException("SHA-256 digests are " + this.digested.length + " bytes", ex);
			}
			return encodeKept();
		}

		/**
		 * Copy a short ASCII value into the buffer, as UTF-8 would encode it.
		 * @return its length, or -1 if it is too long or not ASCII
		 */
		private int ascii(String value) {
			int length = value.length();
			if (length > BUFFERED_CHARACTERS) {
				return -1;
			}
			for (int i = 0; i < length; i++) {
				char c = value.charAt(i);
				if (c >= 0x80) {
					return -1;
				}
				this.value[i] = (byte) c;
			}
			return length;
		}

		/** The kept bytes of the digest in URL-safe Base64, without padding. */
		private String encodeKept() {
			byte[] in = this.digested;
			byte[] out = this.key;
			int o = 0;
			for (int i = 0; i + 3 <= KEPT_BYTES; i += 3) {
				int bits = (in[i] & 0xff) << 16 | (in[i + 1] & 0xff) << 8 | (in[i + 2] & 0xff);
				out[o++] = ALPHABET[bits >>> 18];
				out[o++] = ALPHABET[(bits >>> 12) & 0x3f];
				out[o++] = ALPHABET[(bits >>> 6) & 0x3f];
				out[o++] = ALPHABET[bits & 0x3f];
			}
			// 16 = 5 * 3 + 1: the last byte makes two characters
			int last = in[KEPT_BYTES - 1] & 0xff;
			out[o++] = ALPHABET[last >>> 2];
			out[o] = ALPHABET[(last << 4) & 0x3f];
			return new String(out, StandardCharsets.ISO_8859_1);
		}

	}

}
