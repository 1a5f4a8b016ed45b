package dev.tollgate.store.redis;

import dev.tollgate.TestRedisCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis store on a Redis Cluster whose masters each have a replica, with Spring
 * Boot's and Lettuce's defaults: when the master holding a client's bucket crashes, its
 * replica takes its slots, Lettuce's adaptive topology refresh (on by default since
 * Lettuce 7) finds it, and limiting resumes there with the tokens used before the
 * crash still used.
 */
class RedisClusterFailoverTests {

	@RegisterExtension
	static final TestRedisCluster cluster = new TestRedisCluster(true);

	@Test
	void whenABucketsMasterCrashesLimitingResumesOnItsReplicaWithTheTokensUsed() throws Exception {
		try (DailyLimitOnRedis app = new DailyLimitOnRedis(
				"spring.data.redis.cluster.nodes=" + cluster.nodesProperty())) {
			for (int i = 0; i < 3; i++) {
				assertThat(app.get().status()).isEqualTo(200);
			}
			cluster.crashMasterOf("tollgate-test:daily:127.0.0.1");
			assertThat(app.answeredByRedis().header("RateLimit"))
				.as("the fourth of five, counted where the first three were")
				.startsWith("\"daily\";r=1;");
			assertThat(app.answeredByRedis().header("RateLimit")).startsWith("\"daily\";r=0;");
			assertThat(app.answeredByRedis().status()).isEqualTo(429);
		}
	}

}
