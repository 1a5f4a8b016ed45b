package dev.tollgate.autoconfigure;

import java.util.Locale;

import dev.tollgate.actuate.InMemoryStoreHealthIndicator;
import dev.tollgate.actuate.RateLimitsEndpoint;
import dev.tollgate.actuate.RedisStoreHealthIndicator;
import dev.tollgate.key.ClientIpKeyResolver;
import dev.tollgate.key.KeyHasher;
import dev.tollgate.limiter.ResilientStoreGuard;
import dev.tollgate.plan.PlanCache;
import dev.tollgate.rule.RateLimitRules;
import dev.tollgate.store.BucketStore;
import dev.tollgate.store.InMemoryBucketStore;
import dev.tollgate.store.redis.LettuceConnection;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration for the {@code ratelimits} Actuator endpoint and the rate-limit
 * store's health.
 */
@AutoConfiguration(after = TollgateAutoConfiguration.class)
@ConditionalOnBean(RateLimitRules.class)
public final class TollgateEndpointAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Endpoint.class)
	@ConditionalOnAvailableEndpoint(RateLimitsEndpoint.class)
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RateLimitsEndpoint rateLimitsEndpoint(RateLimitRules rules, BucketStore store, ClientIpKeyResolver clientIp,
				KeyHasher hasher, TollgateProperties properties, PlanCache planCache) {
			return new RateLimitsEndpoint(rules, store, clientIp, hasher, properties.getHeaders()
				.getStyle()
				.stream()
				.map((style) -> style.name().toLowerCase(Locale.ROOT).replace('_', '-'))
				.toList(), storeName(store), planCache);
		}

	}

	private static String storeName(BucketStore store) {
		if (store instanceof InMemoryBucketStore) {
			return "in-memory";
		}
		return store.getClass().getSimpleName().equals("RedisBucketStore") ? "redis" : store.getClass().getName();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnEnabledHealthIndicator("tollgate")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "tollgateHealthIndicator")
		@ConditionalOnBean(InMemoryBucketStore.class)
		InMemoryStoreHealthIndicator tollgateHealthIndicator(InMemoryBucketStore store) {
			return new InMemoryStoreHealthIndicator(store);
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = "io.lettuce.core.AbstractRedisClient")
		@ConditionalOnBean({ LettuceConnection.class, ResilientStoreGuard.class })
		static class RedisStoreHealthConfiguration {

			@Bean
			@ConditionalOnMissingBean(name = "tollgateHealthIndicator")
			RedisStoreHealthIndicator tollgateHealthIndicator(LettuceConnection<?> connection,
					ResilientStoreGuard guard) {
				return new RedisStoreHealthIndicator(connection, guard);
			}

		}

	}

}
