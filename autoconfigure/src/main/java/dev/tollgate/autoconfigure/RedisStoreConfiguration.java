package dev.tollgate.autoconfigure;

import java.time.Duration;

import dev.tollgate.rule.InvalidRateLimitException;
import dev.tollgate.store.redis.LastKnownStateProxyManager;
import dev.tollgate.store.redis.LettuceConnection;
import dev.tollgate.store.redis.RedisBucketStore;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.NopeOptimizationListener;
import io.github.bucket4j.distributed.proxy.optimization.Optimization;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.distributed.proxy.optimization.delay.DelayOptimization;
import io.github.bucket4j.redis.lettuce.RedisApi;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lettuce.core.AbstractRedisClient;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Buckets in Redis, shared by every instance, on the Lettuce client Spring Boot
 * configures from {@code spring.data.redis.*} (standalone, Sentinel or Cluster). A
 * Lettuce client bean of the application's own, or a {@link ProxyManager} bean, wins.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ RedisApi.class, AbstractRedisClient.class, CircuitBreaker.class })
@ConditionalOnProperty(name = "tollgate.store.type", havingValue = "redis")
class RedisStoreConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	LettuceConnection<byte[]> tollgateRedisConnection(TollgateProperties properties,
			ObjectProvider<AbstractRedisClient> clients, ObjectProvider<LettuceConnectionFactory> connectionFactories) {
		AbstractRedisClient client = clients.getIfUnique();
		if (client == null) {
			LettuceConnectionFactory factory = connectionFactories.getIfUnique();
			if (factory == null) {
				throw new InvalidRateLimitException("tollgate.store.type", "redis",
						"the Redis store needs a Lettuce connection: add spring-boot-starter-data-redis and configure "
								+ "spring.data.redis.*",
						"spring.data.redis.host=localhost");
			}
			client = factory.getRequiredNativeClient();
		}
		LettuceConnection<byte[]> connection = LettuceConnection.on(client, timeout(properties));
		connection.startConnecting();
		return connection;
	}

	/**
	 * Closes the connection before Spring Data's factory stops. A client bean of the
	 * application's own is shut down later still, when beans are destroyed.
	 */
	@Bean
	RedisConnectionLifecycle tollgateRedisConnectionLifecycle(LettuceConnection<byte[]> connection,
			ObjectProvider<LettuceConnectionFactory> connectionFactories) {
		LettuceConnectionFactory factory = connectionFactories.getIfUnique();
		return new RedisConnectionLifecycle(connection, (factory != null) ? factory.getPhase() : 0);
	}

	@Bean
	@ConditionalOnMissingBean(ProxyManager.class)
	LastKnownStateProxyManager tollgateProxyManager(LettuceConnection<byte[]> connection, TollgateProperties properties,
			ObjectProvider<TimeMeter> timeMeter) {
		return new LastKnownStateProxyManager(connection, timeout(properties), wallClock(timeMeter),
				properties.getStore().getMaximumKeys());
	}

	@Bean
	RedisBucketStore tollgateBucketStore(ProxyManager<byte[]> proxyManager, LettuceConnection<byte[]> connection,
			TollgateProperties properties, ObjectProvider<TimeMeter> timeMeter) {
		TollgateProperties.Redis redis = properties.getStore().getRedis();
		if (redis.getKeyPrefix() == null || redis.getKeyPrefix().isBlank()) {
			throw new InvalidRateLimitException("tollgate.store.redis.key-prefix", redis.getKeyPrefix(),
					"the key prefix must not be empty", "tollgate");
		}
		return new RedisBucketStore(proxyManager, redis.getKeyPrefix(), optimization(redis, wallClock(timeMeter)),
				properties.getStore().getMaximumKeys(), connection.isCluster() ? connection::nodeOf : null);
	}

	/**
	 * The clock buckets in Redis refill by (their refill times are shared by every
	 * instance): the application's if it is a wall clock, else the system's.
	 */
	private static TimeMeter wallClock(ObjectProvider<TimeMeter> timeMeter) {
		TimeMeter clock = timeMeter.getIfAvailable();
		return (clock != null && clock.isWallClockBased()) ? clock : TimeMeter.SYSTEM_MILLISECONDS;
	}

	/**
	 * The Bucket4j optimization. Delaying refills its local copy of a bucket by the
	 * same clock as the proxy manager, or it would take the gap between them for time
	 * passed.
	 */
	private static @Nullable Optimization optimization(TollgateProperties.Redis redis, TimeMeter clock) {
		return switch (redis.getOptimization()) {
			case NONE -> null;
			case BATCHING -> Optimizations.batching();
			case DELAYING -> new DelayOptimization(new DelayParameters(redis.getDelayTokens(), redis.getDelayTimeout()),
					NopeOptimizationListener.INSTANCE, clock);
		};
	}

	private static Duration timeout(TollgateProperties properties) {
		Duration timeout = properties.getStore().getRedis().getTimeout();
		if (timeout == null || timeout.isZero() || timeout.isNegative()) {
			throw new InvalidRateLimitException("tollgate.store.redis.timeout", timeout, "the timeout must be positive",
					"250ms");
		}
		return timeout;
	}

}
