package dev.tollgate.key;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key is the first 128 bits of the value's SHA-256, in URL-safe Base64, whatever was
 * hashed before it on the same thread or at the same time on others (the expected
 * values come from Python's hashlib).
 */
class KeyHasherTests {

	private final KeyHasher hasher = new KeyHasher();

	@Test
	void keepsTheFirst128BitsOfSha256() {
		assertThat(this.hasher.hash("abc")).isEqualTo("ungWv48Bz-pBQUDeXa4iIw");
		assertThat(this.hasher.hash("Bearer secret-token")).isEqualTo("hud0v_kLD-X47AD_2eV5xg");
		assertThat(this.hasher.hash("")).isEqualTo("47DEQpj8HBSa-_TImW-5JA");
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
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Callable<Boolean>> tasks = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				tasks.add(() -> {
					for (int i = 0; i < 10_000; i++) {
						if (!this.hasher.hash("abc").equals("ungWv48Bz-pBQUDeXa4iIw")
								|| !this.hasher.hash("").equals("47DEQpj8HBSa-_TImW-5JA")) {
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

}
