package dev.tollgate.autoconfigure;

import java.time.Clock;

import dev.tollgate.limiter.OnStoreFailure;
import dev.tollgate.limiter.ResilientStoreGuard;
import dev.tollgate.limiter.StoreGuard;
import dev.tollgate.rule.InvalidRateLimitException;
import dev.tollgate.store.BucketStore;
import dev.tollgate.store.InMemoryBucketStore;
import io.github.bucket4j.TimeMeter;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The failure policy and circuit breaker in front of any store that can fail: the
 * Redis store, or a {@link BucketStore} of the application's own. The in-memory store
 * cannot fail and goes without.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(CircuitBreaker.class)
class StoreGuardConfiguration {

	@Bean
	@ConditionalOnBean(BucketStore.class)
	@ConditionalOnMissingBean({ StoreGuard.class, InMemoryBucketStore.class })
	ResilientStoreGuard tollgateStoreGuard(TollgateProperties properties, ObjectProvider<Clock> clock,
			ObjectProvider<TimeMeter> timeMeter) {
		TollgateProperties.CircuitBreaker settings = properties.getStore().getCircuitBreaker();
		if (settings.getFailureRateThreshold() <= 0 || settings.getFailureRateThreshold() > 100) {
			throw new InvalidRateLimitException("tollgate.store.circuit-breaker.failure-rate-threshold",
					settings.getFailureRateThreshold(), "a percentage above 0 and at most 100", "50");
		}
		if (settings.getMinimumCalls() < 1 || settings.getSlidingWindow() < 1) {
			throw new InvalidRateLimitException("tollgate.store.circuit-breaker.minimum-calls",
					settings.getMinimumCalls(), "the minimum calls and the sliding window must be at least 1", "5");
		}
		CircuitBreakerConfig.Builder config = CircuitBreakerConfig.custom()
			.failureRateThreshold(settings.getFailureRateThreshold())
			.slidingWindow(settings.getSlidingWindow(), settings.getMinimumCalls(),
					CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.waitDurationInOpenState(settings.getOpenDuration())
			.permittedNumberOfCallsInHalfOpenState(3);
		clock.ifAvailable(config::clock);
		OnStoreFailure policy = properties.getStore().getOnFailure();
		InMemoryBucketStore local = (policy == OnStoreFailure.LOCAL) ? new InMemoryBucketStore(
				properties.getStore().getMaximumKeys(), timeMeter.getIfAvailable(() -> TimeMeter.SYSTEM_NANOTIME))
				: null;
		return new ResilientStoreGuard(config.build(), policy, local, settings.getOpenDuration());
	}

}
