package dev.tollgate.store;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import dev.tollgate.ManualClock;
import dev.tollgate.key.KeyHasher;
import dev.tollgate.rule.RateLimitRule;
import org.junit.jupiter.api.Test;

import static dev.tollgate.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hashed credentials are kept as their 128 bits: exactly the keys KeyHasher makes, each
 * one distinct, and no other key is mistaken for one.
 */
class HashedKeyTests {

	private final KeyHasher hasher = new KeyHasher();

	@Test
	void readsEveryKeyTheHasherMakesAndSpellsItBack() {
		Set<HashedKey> keys = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			String hashed = this.hasher.hash("api-key-" + i);
			HashedKey key = HashedKey.of(hashed);
			assertThat(key).isNotNull();
			assertThat(key.toString()).isEqualTo(hashed);
			assertThat(HashedKey.of(hashed)).isEqualTo(key).hasSameHashCodeAs(key);
			keys.add(key);
		}
		assertThat(keys).hasSize(10_000);
	}

	@Test
	void readsTheLowestAndHighestBitsInPlace() {
		assertThat(HashedKey.of("AAAAAAAAAAAAAAAAAAAAAA")).hasToString("AAAAAAAAAAAAAAAAAAAAAA");
		assertThat(HashedKey.of("_____________________w")).hasToString("_____________________w");
		assertThat(HashedKey.of("AAAAAAAAAAAAAAAAAAAAAQ")).isNotEqualTo(HashedKey.of("AAAAAAAAAAAAAAAAAAAAAA"))
			.hasToString("AAAAAAAAAAAAAAAAAAAAAQ");
		assertThat(HashedKey.of("gAAAAAAAAAAAAAAAAAAAAA")).isNotEqualTo(HashedKey.of("AAAAAAAAAAAAAAAAAAAAAA"))
			.hasToString("gAAAAAAAAAAAAAAAAAAAAA");
	}

	@Test
	void leavesEveryOtherKeyAsItIs() {
		assertThat(HashedKey.of("203.0.113.7")).isNull();
		assertThat(HashedKey.of("AAAAAAAAAAAAAAAAAAAAA")).isNull();
		assertThat(HashedKey.of("AAAAAAAAAAAAAAAAAAAAAAA")).isNull();
		assertThat(HashedKey.of("AAAAAAAAAAAAAAAAAAAA+A")).isNull();
		assertThat(HashedKey.of("AAAAAAAAAAAAAAAAAAAA/A")).isNull();
		assertThat(HashedKey.of("AAAAAAAAAAAAAAAAAAAA=A")).isNull();
		assertThat(HashedKey.of("AAAAAAAAAAAAAAAAAAAAÀA")).isNull();
		assertThat(HashedKey.of("AAAAAAAAAAAAAAAAAAAA\u0141A")).isNull();
		// the same 128 bits with other (non-zero) unused bits: not the canonical spelling
		assertThat(HashedKey.of("AAAAAAAAAAAAAAAAAAAAAB")).isNull();
		assertThat(HashedKey.of("AAAAAAAAAAAAAAAAAAAAAP")).isNull();
	}

	@Test
	void storeKeepsAHashedKeyApartFromEveryOtherSpelling() {
		ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
		InMemoryBucketStore store = new InMemoryBucketStore(100, clock);
		RateLimitRule rule = rule("api", "5/1m", "/**");
		String hashed = this.hasher.hash("secret");
		String sameBitsOtherSpelling = hashed.substring(0, 21)
				+ (char) (hashed.charAt(21) + 1);
		store.bucket(rule, hashed).tryConsume(3, null);
		store.bucket(rule, sameBitsOtherSpelling).tryConsume(1, null);
		assertThat(store.find(rule, hashed).availableTokens()).isEqualTo(2);
		assertThat(store.find(rule, sameBitsOtherSpelling).availableTokens()).isEqualTo(4);
		assertThat(store.size()).isEqualTo(2);
		assertThat(store.remove(rule, hashed)).isTrue();
		assertThat(store.find(rule, hashed)).isNull();
		assertThat(store.find(rule, sameBitsOtherSpelling)).isNotNull();
	}

}
