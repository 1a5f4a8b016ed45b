package dev.tollgate.key;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Turns a key that may be a credential (a token, an API key, a user name) into a
 * fixed-length SHA-256 digest, so that the clear value is never stored, logged or
 * exposed. The same input always gives the same key, on every instance.
 */
public final class KeyHasher {

	/** Bytes of the digest kept: 128 bits, far beyond any chance of collision. */
	private static final int KEPT_BYTES = 16;

	private final MessageDigest prototype;

	/**
	 * A digest per thread, reused (a digest resets itself once it has answered):
	 * cloning one for every key allocated about 180 bytes more per request. On virtual
	 * threads, one thread per request, it is still one clone per request.
	 */
	private final ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(this::newDigest);

	private final Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();

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
		byte[] hash = this.digests.get().digest(value.getBytes(StandardCharsets.UTF_8));
		return this.encoder.encodeToString(Arrays.copyOf(hash, KEPT_BYTES));
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

}
