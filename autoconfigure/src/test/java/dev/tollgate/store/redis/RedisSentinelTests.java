package dev.tollgate.store.redis;

import dev.tollgate.TestRedisSentinel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis store under Sentinel, configured as Spring Boot users do
 * ({@code spring.data.redis.sentinel.*}): buckets live on the master Sentinel names,
 * and after a failover limiting resumes on the new master, with the tokens used before
 * it still used.
 */
class RedisSentinelTests {

	@RegisterExtension
	static final TestRedisSentinel sentinel = new TestRedisSentinel();

	@AfterEach
	void emptyRedis() {
		sentinel.master().flushall();
	}

	@Test
	void bucketsLiveOnTheMasterSentinelNames() throws Exception {
		try (DailyLimitOnRedis app = start()) {
			for (int remaining = 4; remaining >= 0; remaining--) {
				assertThat(app.get().header("RateLimit")).isEqualTo("\"daily\";r=" + remaining + ";t=86400");
			}
			assertThat(app.get().status()).isEqualTo(429);
			assertThat(sentinel.master().exists("tollgate-test:daily:127.0.0.1")).isEqualTo(1);
		}
	}

	@Test
	void afterAFailoverLimitingResumesOnTheNewMasterWithTheTokensUsed() throws Exception {
		try (DailyLimitOnRedis app = start()) {
			app.takeThreeOfFive();
			sentinel.failOver();
			app.assertRedisKeptTheThreeTaken();
		}
	}

	private static DailyLimitOnRedis start() {
		return new DailyLimitOnRedis("spring.data.redis.sentinel.master=" + TestRedisSentinel.MASTER,
				"spring.data.redis.sentinel.nodes=" + sentinel.sentinelNodes());
	}

}
