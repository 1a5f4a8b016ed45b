package dev.tollgate.autoconfigure;

import dev.tollgate.limiter.RateLimitListener;
import dev.tollgate.limiter.RateLimiter;
import dev.tollgate.limiter.StoreGuard;
import dev.tollgate.rule.InvalidRateLimitException;
import dev.tollgate.store.BucketStore;
import dev.tollgate.store.InMemoryBucketStore;
import dev.tollgate.store.StoreType;
import io.github.bucket4j.TimeMeter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Buckets kept in memory on this instance. Buckets refill by a {@link TimeMeter}
 * bean when the application defines one (tests move time with it), and otherwise by
 * {@link System#nanoTime()}, which wall-clock changes do not affect.
 */
@Configuration(proxyBeanMethods = false)
class InMemoryStoreConfiguration {

	@Bean
	@ConditionalOnMissingBean(BucketStore.class)
	InMemoryBucketStore tollgateBucketStore(TollgateProperties properties, ObjectProvider<TimeMeter> timeMeter) {
		if (properties.getStore().getType() == StoreType.REDIS) {
			throw new InvalidRateLimitException("tollgate.store.type", "redis",
					"the Redis store needs bucket4j_jdk17-lettuce, resilience4j-circuitbreaker and Lettuce "
							+ "(spring-boot-starter-data-redis) on the class path",
					"in-memory");
		}
		long maximumKeys = properties.getStore().getMaximumKeys();
		if (maximumKeys <= 0) {
			throw new InvalidRateLimitException("tollgate.store.maximum-keys", maximumKeys,
					"the maximum number of keys must be positive", "100000");
		}
		return new InMemoryBucketStore(maximumKeys, timeMeter.getIfAvailable(() -> TimeMeter.SYSTEM_NANOTIME));
	}

	@Bean
	@ConditionalOnMissingBean
	RateLimiter tollgateRateLimiter(BucketStore bucketStore, ObjectProvider<StoreGuard> guard,
			ObjectProvider<RateLimitListener> listeners) {
		return new RateLimiter(bucketStore, guard.getIfAvailable(), listeners.orderedStream().toList());
	}

}
