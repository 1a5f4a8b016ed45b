package dev.tollgate.key;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * Hashes keys with SHA-256: the same value gives the same key on every instance and
 * after every restart, as a store that instances share needs. A key is the first 128
 * bits of the SHA-256 of the value's UTF-8 bytes, in URL-safe Base64 without padding.
 */
public final class Sha256KeyHasher implements KeyHasher {

	/** The digest's first 128 bits, far beyond any chance of collision, as two numbers. */
	private static final VarHandle BIG_ENDIAN = MethodHandles.byteArrayViewVarHandle(long[].class,
			ByteOrder.BIG_ENDIAN);

	/**
	 * Values of up to this many ASCII characters (API keys, most tokens) are encoded
	 * into a reused buffer; others get an array of their own.
	 */
	private static final int BUFFERED_CHARACTERS = 256;

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

	public Sha256KeyHasher() {
		this(sha256(), 4 * Runtime.getRuntime().availableProcessors());
	}

	/**
	 * A hasher with the given digests, for tests.
	 * @param digests makes a SHA-256 digest
	 * @param slots about how many threads may hash at once without making a digest
	 */
	Sha256KeyHasher(Supplier<MessageDigest> digests, int slots) {
		this.digests = digests;
		int count = (slots <= 1) ? 1 : Integer.highestOneBit(slots - 1) << 1;
		this.idle = new AtomicReferenceArray<>(count * SPACING);
		this.mask = count - 1;
	}

	@Override
	public String hash(String value) {
		int slot = slot();
		Hashing hashing = take(slot);
		String key = hashing.hash(value);
		this.idle.setRelease(slot, hashing);
		return key;
	}

	/** The same key as the value's string: an ASCII value's bytes are its UTF-8 bytes. */
	@Override
	public String hash(byte[] latin1, int start, int end) {
		if (!isAscii(latin1, start, end)) {
			return KeyHasher.super.hash(latin1, start, end);
		}
		int slot = slot();
		Hashing hashing = take(slot);
		String key = hashing.hash(latin1, start, end - start);
		this.idle.setRelease(slot, hashing);
		return key;
	}

	@SuppressWarnings("deprecation") // threadId() is Java 19's name for it
	private int slot() {
		return ((int) Thread.currentThread().getId() & this.mask) * SPACING;
	}

	private Hashing take(int slot) {
		Hashing hashing = this.idle.getAndSet(slot, null);
		return (hashing != null) ? hashing : new Hashing(this.digests.get());
	}

	private static boolean isAscii(byte[] bytes, int start, int end) {
		for (int i = start; i < end; i++) {
			if (bytes[i] < 0) {
				return false;
			}
		}
		return true;
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

		private final byte[] key = new byte[Base64Key.LENGTH];

		Hashing(MessageDigest digest) {
			this.digest = digest;
			this.digested = new byte[digest.getDigestLength()];
		}

		String hash(String value) {
			int length = ascii(value);
			if (length >= 0) {
				return hash(this.value, 0, length);
			}
			byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
			return hash(utf8, 0, utf8.length);
		}

		/** The key of the given UTF-8 bytes. */
		String hash(byte[] utf8, int offset, int length) {
			this.digest.update(utf8, offset, length);
			try {
				this.digest.digest(this.digested, 0, this.digested.length);
			}
			catch (DigestException ex) {
				throw new IllegalStateException("SHA-256 digests are " + this.digested.length + " bytes", ex);
			}
			return Base64Key.of((long) BIG_ENDIAN.get(this.digested, 0), (long) BIG_ENDIAN.get(this.digested, 8),
					this.key);
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

	}

}
