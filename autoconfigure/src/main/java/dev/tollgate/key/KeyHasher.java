package dev.tollgate.key;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

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
	 * into a reused buffer; others get an array of their own.
	 */
	private static final int BUFFERED_CHARACTERS = 256;

	private static final byte[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
		.getBytes(StandardCharsets.US_ASCII);

	/**
	 * The table of idle digests uses one slot in this many, so that each sits on a
	 * cache line of its own (16 compressed references make 64 bytes): threads on
	 * different cores taking theirs do not invalidate each other's.
	 */
	private static final int SPACING = 16;

	private final Supplier<MessageDigest> digests;

	/**
	 * Digests and their buffers, reused (a digest resets itself once it has answered):
	 * making a digest for every key cost about 180 bytes a request, and the arrays of
	 * the value's bytes, the digest and the encoding 160 more. A thread takes the one in
	 * its slot, found by its id, and puts it back; one that finds its slot empty, taken
	 * by another thread hashing at that moment, makes its own. The slots are shared by
	 * threads rather than kept per thread: with virtual threads, one per request, a
	 * digest per thread would be a digest per request.
	 */
	private final AtomicReferenceArray<Hashing> idle;

	private final int mask;

	public KeyHasher() {
		this(sha256(), 4 * Runtime.getRuntime().availableProcessors());
	}

	/**
	 * A hasher with the given digests, for tests.
	 * @param digests makes a SHA-256 digest
	 * @param slots about how many threads may hash at once without making a digest
	 */
	KeyHasher(Supplier<MessageDigest> digests, int slots) {
		this.digests = digests;
		int count = (slots <= 1) ? 1 : Integer.highestOneBit(slots - 1) << 1;
		this.idle = new AtomicReferenceArray<>(count * SPACING);
		this.mask = count - 1;
	}

	/**
	 * Hash a value.
	 * @param value the clear value
	 * @return 22 characters of URL-safe Base64
	 */
	public String hash(String value) {
		@SuppressWarnings("deprecation") // threadId() is Java 19's name for it
		int slot = ((int) Thread.currentThread().getId() & this.mask) * SPACING;
		Hashing hashing = this.idle.getAndSet(slot, null);
		if (hashing == null) {
			hashing = new Hashing(this.digests.get());
		}
		String key = hashing.hash(value);
		this.idle.setRelease(slot, hashing);
		return key;
	}

	/** Clones of one SHA-256 digest, or new ones where a clone is not supported. */
	private static Supplier<MessageDigest> sha256() {
		MessageDigest prototype = newSha256();
		return () -> {
			try {
				return (MessageDigest) prototype.clone();
			}
			catch (CloneNotSupportedException ex) {
				return newSha256();
			}
		};
	}

	private static MessageDigest newSha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by the Java platform", ex);
		}
	}

	/** A digest, with room for a value's bytes, the digest and the key. */
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
