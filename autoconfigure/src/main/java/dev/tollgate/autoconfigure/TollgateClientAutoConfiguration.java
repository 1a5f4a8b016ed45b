package dev.tollgate.autoconfigure;

import java.time.Clock;
import java.util.random.RandomGenerator;

import dev.tollgate.client.RateLimitRetryInterceptor;
import dev.tollgate.client.RetryPolicy;
import dev.tollgate.client.Sleeper;
import dev.tollgate.rule.InvalidRateLimitException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/**
 * Opt-in auto-configuration ({@code tollgate.client.enabled=true}) of the client side:
 * Boot's {@code RestClient.Builder} and {@code RestTemplateBuilder} get the
 * {@link RateLimitRetryInterceptor}.
 */
@AutoConfiguration(
		beforeName = { "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
				"org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration" })
@ConditionalOnClass({ RestClient.class, RestClientCustomizer.class })
@ConditionalOnBooleanProperty("tollgate.client.enabled")
@EnableConfigurationProperties(TollgateProperties.class)
public final class TollgateClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RateLimitRetryInterceptor tollgateRateLimitRetryInterceptor(TollgateProperties properties,
			ObjectProvider<Clock> clock, ObjectProvider<Sleeper> sleeper) {
		TollgateProperties.Client client = properties.getClient();
		if (client.getMaxAttempts() < 1) {
			throw new InvalidRateLimitException("tollgate.client.max-attempts", client.getMaxAttempts(),
					"at least one attempt is needed", "3");
		}
		RetryPolicy policy = new RetryPolicy(client.getMaxAttempts(), client.getMaxTotalWait(),
				client.getBaseBackoff(), client.getMaxBackoff(), client.isRetryNonIdempotent(), client.isProactive(),
				client.getProactiveMaxWait());
		return new RateLimitRetryInterceptor(policy, clock.getIfAvailable(Clock::systemUTC),
				sleeper.getIfAvailable(() -> Sleeper.THREAD), RandomGenerator.getDefault());
	}

	@Bean
	RestClientCustomizer tollgateRestClientCustomizer(RateLimitRetryInterceptor interceptor) {
		return (builder) -> builder.requestInterceptor(interceptor);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.web.client.RestTemplate")
	static class RestTemplateConfiguration {

		@Bean
		RestTemplateCustomizer tollgateRestTemplateCustomizer(RateLimitRetryInterceptor interceptor) {
			return (restTemplate) -> restTemplate.getInterceptors().add(interceptor);
		}

	}

}
