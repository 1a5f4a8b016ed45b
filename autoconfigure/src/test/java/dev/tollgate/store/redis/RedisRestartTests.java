package dev.tollgate.store.redis;

import dev.tollgate.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Redis that keeps its data restarts under an application: the requests answered by
 * the failure policy while it was away take nothing from its buckets when it is back,
 * though Lettuce held their commands to send on reconnecting.
 */
class RedisRestartTests {

	@RegisterExtension
	static final TestRedis redis = TestRedis.persistent();

	@Test
	void requestsAnsweredByTheFailurePolicyTakeNoTokensOnceRedisIsBack() throws Exception {
		try (DailyLimitOnRedis app = new DailyLimitOnRedis("spring.data.redis.host=127.0.0.1",
				"spring.data.redis.port=" + redis.port())) {
			app.takeThreeOfFive();
			redis.stop();
			for (int i = 0; i < 2; i++) {
				assertThat(app.get().header("RateLimit")).as("this instance's own bucket")
					.isEqualTo("\"daily\";r=" + (4 - i) + ";t=86400");
			}
			assertThat(app.errors()).isEqualTo(2);
			redis.start();
			app.assertRedisKeptTheThreeTaken();
		}
	}

}
