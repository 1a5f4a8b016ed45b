package dev.tollgate.store;

import java.time.Duration;
import java.time.Instant;

import dev.tollgate.ManualClock;
import dev.tollgate.rule.RateLimitRule;
import org.junit.jupiter.api.Test;

import static dev.tollgate.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store tells its cache of a bucket's read once half a period has passed since the
 * last one it told, and every 64th read in between; an entry expires one and a half
 * periods after the last read the cache was told of. Here the period is a minute: a
 * bucket is kept 90 seconds after a recorded read. (Looking a bucket up with
 * {@code find} tells the cache of a read, so each test looks once.)
 */
class InMemoryBucketStoreTests {

	private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final InMemoryBucketStore store = new InMemoryBucketStore(100, this.clock);

	private final RateLimitRule rule = rule("api", "5/1m", "/**");

	@Test
	void theSixtyFourthQuietReadIsRecorded() {
		this.store.bucket(this.rule, "63 reads");
		this.store.bucket(this.rule, "64 reads");
		this.clock.advance(Duration.ofSeconds(10));
		read("63 reads", 63);
		read("64 reads", 64);
		this.clock.advance(Duration.ofSeconds(80));
		assertThat(this.store.find(this.rule, "63 reads")).as("expired 90 s after its creation").isNull();
		assertThat(this.store.find(this.rule, "64 reads")).as("kept until 90 s after its 64th read").isNotNull();
	}

	@Test
	void aReadHalfAPeriodAfterTheLastRecordedOneIsRecorded() {
		this.store.bucket(this.rule, "client");
		this.clock.advance(Duration.ofSeconds(29));
		read("client", 1);
		this.clock.advance(Duration.ofSeconds(61));
		assertThat(this.store.find(this.rule, "client")).as("29 s is less than half a period: not recorded").isNull();
		this.store.bucket(this.rule, "client");
		this.clock.advance(Duration.ofSeconds(30));
		read("client", 1);
		this.clock.advance(Duration.ofSeconds(89));
		assertThat(this.store.find(this.rule, "client")).as("recorded after half a period").isNotNull();
	}

	@Test
	void anIdleBucketIsKeptAtLeastAPeriodAfterItsLastUse() {
		this.store.bucket(this.rule, "client").tryConsume(5, null);
		this.clock.advance(Duration.ofSeconds(29));
		read("client", 63);
		this.clock.advance(Duration.ofSeconds(60));
		TokenBucket bucket = this.store.find(this.rule, "client");
		assertThat(bucket).as("one period after its last use, 89 s after its last recorded read").isNotNull();
		assertThat(bucket.availableTokens()).isEqualTo(5);
	}

	private void read(String key, int times) {
		for (int i = 0; i < times; i++) {
			this.store.bucket(this.rule, key);
		}
	}

}
