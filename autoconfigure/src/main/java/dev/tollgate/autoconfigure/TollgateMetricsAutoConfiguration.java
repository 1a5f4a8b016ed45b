package dev.tollgate.autoconfigure;

import dev.tollgate.metrics.RateLimitMetrics;
import dev.tollgate.rule.RateLimitRules;
import dev.tollgate.store.BucketStore;
import dev.tollgate.store.InMemoryBucketStore;
import dev.tollgate.store.redis.LastKnownStateProxyManager;
import dev.tollgate.store.redis.LettuceConnection;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration for Tollgate's Micrometer meters, on the application's own
 * {@link MeterRegistry}.
 */
@AutoConfiguration(after = TollgateAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, RateLimitRules.class, BucketStore.class })
public final class TollgateMetricsAutoConfiguration {

	/**
	 * The meters. Decisions are timed when the store is outside the JVM, where the
	 * time is mostly the store's latency; an in-memory decision takes about as long
	 * as timing it.
	 */
	@Bean
	@ConditionalOnMissingBean
	RateLimitMetrics tollgateRateLimitMetrics(MeterRegistry registry, RateLimitRules rules, BucketStore store) {
		return new RateLimitMetrics(registry, rules, store.isRemote());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.lettuce.core.AbstractRedisClient")
	@ConditionalOnBean(LettuceConnection.class)
	static class RedisStoreMetricsConfiguration {

		@Bean
		MeterBinder tollgateRedisStoreMeters(LettuceConnection<?> connection) {
			return (registry) -> FunctionCounter
				.builder("tollgate.store.commands", connection, LettuceConnection::getCommandsSent)
				.description("Commands (round trips) sent to the Redis rate-limit store")
				.tag("store", "redis")
				.register(registry);
		}

		@Bean
		@ConditionalOnBean(LastKnownStateProxyManager.class)
		MeterBinder tollgateRedisRememberedStateMeters(LastKnownStateProxyManager proxyManager) {
			return (registry) -> Gauge
				.builder("tollgate.store.keys", proxyManager, LastKnownStateProxyManager::rememberedKeys)
				.description("Bucket states of the Redis rate-limit store remembered by this instance")
				.tag("store", "redis")
				.register(registry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(InMemoryBucketStore.class)
	static class InMemoryStoreMetricsConfiguration {

		@Bean
		MeterBinder tollgateInMemoryStoreMeters(InMemoryBucketStore store) {
			return (registry) -> {
				Gauge.builder("tollgate.store.keys", store, InMemoryBucketStore::size)
					.description("Keys tracked by the in-memory rate-limit store")
					.tag("store", "in-memory")
					.register(registry);
				FunctionCounter.builder("tollgate.store.evictions", store, InMemoryBucketStore::evictions)
					.description("Keys forgotten because the in-memory rate-limit store was full")
					.tag("store", "in-memory")
					.register(registry);
			};
		}

	}

}
