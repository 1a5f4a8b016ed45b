package dev.tollgate.store.redis;

import dev.tollgate.TestRedisCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
			app.takeThreeOfFive();
			cluster.crashMasterOf("tollgate-test:daily:127.0.0.1");
			app.assertRedisKeptTheThreeTaken();
		}
	}

}
