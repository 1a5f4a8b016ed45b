package dev.tollgate.store.redis;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tags that make each value a proxy manager writes to Redis its own: a bucket's state
 * followed by 16 bytes, this proxy manager's random identity and the number of its
 * write. No other write, by this instance or another, leaves the same value, so a
 * compare-and-swap that finds exactly the value it writes knows it ran before: Lettuce
 * sends again a command whose answer a dropped connection lost, and that command must
 * not take a second token.
 */
final class WriteTags {

	static final int LENGTH = 2 * Long.BYTES;

	private static final VarHandle BIG_ENDIAN = MethodHandles.byteArrayViewVarHandle(long[].class,
			ByteOrder.BIG_ENDIAN);

	private final long identity;

	private final AtomicLong writes = new AtomicLong();

	WriteTags() {
		this(new SecureRandom().nextLong());
	}

	WriteTags(long identity) {
		this.identity = identity;
	}

	/**
	 * A state as it is written: tagged for this write alone.
	 * @param state the bucket's state
	 * @return the state and its tag
	 */
	byte[] tagged(byte[] state) {
		byte[] value = Arrays.copyOf(state, state.length + LENGTH);
		BIG_ENDIAN.set(value, state.length, this.identity);
		BIG_ENDIAN.set(value, state.length + Long.BYTES, this.writes.incrementAndGet());
		return value;
	}

	/**
	 * The state a value holds, without its tag.
	 * @param value a value written by {@link #tagged(byte[])}
	 * @return the bucket's state
	 */
	static byte[] state(byte[] value) {
		if (value.length < LENGTH) {
			throw new IllegalStateException("A bucket's value in Redis holds " + value.length
					+ " bytes, fewer than its tag: it was not written by Tollgate's Redis store");
		}
		return Arrays.copyOf(value, value.length - LENGTH);
	}

}
