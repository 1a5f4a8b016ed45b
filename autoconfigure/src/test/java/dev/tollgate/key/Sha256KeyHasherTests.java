package dev.tollgate.key;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key is the first 128 bits of the value's SHA-256, in URL-safe Base64, whatever was
 * hashed before it on the same thread or at the same time on others (the expected
 * values come from Python's hashlib). Digests are reused across threads, since with
 * virtual threads every request has a thread of its own.
 */
class Sha256KeyHasherTests {

	private final Sha256KeyHasher hasher = new Sha256KeyHasher();

	@Test
	void keepsTheFirst128BitsOfSha256() {
		assertThat(this.hasher.hash("abc")).isEqualTo("ungWv48Bz-pBQUDeXa4iIw");
		assertThat(this.hasher.hash("Bearer secret-token")).isEqualTo("hud0v_kLD-X47AD_2eV5xg");
		assertThat(this.hasher.hash("")).isEqualTo("47DEQpj8HBSa-_TImW-5JA");
	}

	@Test
	void hashesTheUtf8BytesOfValuesBeyondAscii() {
		assertThat(this.hasher.hash("caf\u00e9")).isEqualTo("hQ99xDkQ_4kPiHnA7Sb-aQ");
		assertThat(this.hasher.hash("\u20ac")).isEqualTo("xMyQ7T0m8S1LCKdRQJcKeQ");
	}

	/** A value held as ISO-8859-1 bytes gets the key of its string: é is hashed as UTF-8. */
	@Test
	void hashesLatin1BytesAsTheStringOfTheirCharacters() {
		byte[] line = "X-Api-Key: caf\u00e9\r\n".getBytes(StandardCharsets.ISO_8859_1);
		assertThat(this.hasher.hash(line, 11, 15)).isEqualTo("hQ99xDkQ_4kPiHnA7Sb-aQ");
	}

	/**
	 * ASCII bytes, as most header values are, are digested where they lie, with the
	 * digest the string would use: wherever they lie in their array, whatever their
	 * length, and between the string's own keys.
	 */
	@Test
	void hashesAsciiBytesWhereTheyLieAsTheStringOfTheirCharacters() {
		AtomicInteger made = new AtomicInteger();
		KeyHasher hasher = new Sha256KeyHasher(() -> {
			made.incrementAndGet();
			return sha256();
		}, 1);
		for (String value : List.of("abc", "Bearer secret-token", "", "x".repeat(257))) {
			byte[] line = ("X-Api-Key: " + value + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
			String key = hasher.hash(line, 11, 11 + value.length());
			assertThat(key).as(value).isEqualTo(this.hasher.hash(value)).isEqualTo(hasher.hash(value));
		}
		assertThat(this.hasher.hash("x".repeat(257).getBytes(StandardCharsets.ISO_8859_1), 0, 257))
			.isEqualTo("FeuVpGLuIL2RpBWuLUrtNA");
		assertThat(made).as("digests made").hasValue(1);
	}

	@Test
	void hashesLongValuesWhole() {
		assertThat(this.hasher.hash("x".repeat(256))).isEqualTo("heYqzXUMTrVre2odZtylvw");
		assertThat(this.hasher.hash("x".repeat(257))).isEqualTo("FeuVpGLuIL2RpBWuLUrtNA");
	}

	/**
	 * Values of every length around the thread's buffer, ASCII or not, in any order:
	 * each gets the key the JDK's own digest and Base64 encoder give.
	 */
	@Test
	void agreesWithTheJdksDigestAndEncoderWhateverCameBefore() throws Exception {
		MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		char[] alphabet = { 'a', 'Z', '0', ' ', '\t', '\u0000', '\u007f', '\u0080', '\u00ff', '\u0100', '\u20ac',
				'\ud83d', '\ude00' };
		Random random = new Random(42);
		for (int trial = 0; trial < 5_000; trial++) {
			int length = random.nextInt(300);
			char[] value = new char[length];
			boolean ascii = random.nextBoolean();
			for (int i = 0; i < length; i++) {
				value[i] = ascii ? (char) random.nextInt(0x80) : alphabet[random.nextInt(alphabet.length)];
			}
			String clear = new String(value);
			String expected = base64
				.encodeToString(Arrays.copyOf(sha256.digest(clear.getBytes(StandardCharsets.UTF_8)), 16));
			assertThat(this.hasher.hash(clear)).as("length %d", length).isEqualTo(expected);
		}
	}

	@Test
	void aReusedDigestStartsAfreshForEachValue() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.hasher.hash("Bearer secret-token")).isEqualTo("hud0v_kLD-X47AD_2eV5xg");
			assertThat(this.hasher.hash("abc")).isEqualTo("ungWv48Bz-pBQUDeXa4iIw");
		}
	}

	@Test
	void threadsHashingAtOnceGetTheSameKeys() throws Exception {
		assertThreadsHashingAtOnceGetTheSameKeys(this.hasher);
	}

	/** More threads hashing at once than slots: every key is still right. */
	@Test
	void threadsSharingOneSlotGetTheSameKeys() throws Exception {
		assertThreadsHashingAtOnceGetTheSameKeys(new Sha256KeyHasher(Sha256KeyHasherTests::sha256, 1));
	}

	/**
	 * A thread per value, as with virtual threads: the threads reuse the digests of
	 * the ones before, as many as the hasher has slots, where a digest per thread
	 * would make one per value.
	 */
	@Test
	void aThreadPerValueReusesDigests() throws Exception {
		AtomicInteger made = new AtomicInteger();
		KeyHasher hasher = new Sha256KeyHasher(() -> {
			made.incrementAndGet();
			return sha256();
		}, 4);
		for (int i = 0; i < 100; i++) {
			String[] key = new String[1];
			Thread thread = new Thread(() -> key[0] = hasher.hash("abc"));
			thread.start();
			thread.join();
			assertThat(key[0]).isEqualTo("ungWv48Bz-pBQUDeXa4iIw");
		}
		assertThat(made).as("digests made").hasValueLessThanOrEqualTo(4);
	}

	/**
	 * A thread that finds its slot's digest taken, by a thread still hashing with it,
	 * makes a digest of its own, and both get their keys.
	 */
	@Test
	@Timeout(10) // a hasher that waited for the slot would never answer
	void aThreadFindingItsSlotTakenMakesItsOwnDigest() throws Exception {
		CountDownLatch hashing = new CountDownLatch(1);
		CountDownLatch goOn = new CountDownLatch(1);
		AtomicInteger made = new AtomicInteger();
		KeyHasher hasher = new Sha256KeyHasher(
				() -> (made.incrementAndGet() == 1) ? new PausingDigest(hashing, goOn) : sha256(), 1);
		ExecutorService other = Executors.newSingleThreadExecutor();
		try {
			Future<String> first = other.submit(() -> hasher.hash("abc"));
			hashing.await();
			assertThat(hasher.hash("Bearer secret-token")).isEqualTo("hud0v_kLD-X47AD_2eV5xg");
			assertThat(made).as("digests made").hasValue(2);
			goOn.countDown();
			assertThat(first.get()).isEqualTo("ungWv48Bz-pBQUDeXa4iIw");
		}
		finally {
			goOn.countDown();
			other.shutdownNow();
		}
	}

	private static void assertThreadsHashingAtOnceGetTheSameKeys(KeyHasher hasher) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Callable<Boolean>> tasks = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				tasks.add(() -> {
					for (int i = 0; i < 10_000; i++) {
						if (!hasher.hash("abc").equals("ungWv48Bz-pBQUDeXa4iIw")
								|| !hasher.hash("").equals("47DEQpj8HBSa-_TImW-5JA")) {
							return false;
						}
					}
					return true;
				});
			}
			for (Future<Boolean> result : pool.invokeAll(tasks)) {
				assertThat(result.get()).isTrue();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** SHA-256 that, given its first value, says so and waits before hashing it. */
	private static final class PausingDigest extends MessageDigest {

		private final MessageDigest sha256 = sha256();

		private final CountDownLatch hashing;

		private final CountDownLatch goOn;

		PausingDigest(CountDownLatch hashing, CountDownLatch goOn) {
			super("SHA-256");
			this.hashing = hashing;
			this.goOn = goOn;
		}

		@Override
		protected void engineUpdate(byte input) {
			this.sha256.update(input);
		}

		@Override
		protected void engineUpdate(byte[] input, int offset, int length) {
			this.hashing.countDown();
			try {
				this.goOn.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.sha256.update(input, offset, length);
		}

		@Override
		protected byte[] engineDigest() {
			return this.sha256.digest();
		}

		@Override
		protected void engineReset() {
			this.sha256.reset();
		}

		@Override
		protected int engineGetDigestLength() {
			return this.sha256.getDigestLength();
		}

	}

}
