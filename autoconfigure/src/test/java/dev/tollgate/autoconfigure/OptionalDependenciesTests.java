package dev.tollgate.autoconfigure;

import dev.tollgate.actuate.RateLimitsEndpoint;
import dev.tollgate.client.RateLimitRetryInterceptor;
import dev.tollgate.metrics.RateLimitMetrics;
import dev.tollgate.rule.InvalidRateLimitException;
import dev.tollgate.store.InMemoryBucketStore;
import dev.tollgate.web.tomcat.TomcatHeaderKeyReader;
import dev.tollgate.web.tomcat.TomcatResponseHeaderAccess;
import io.github.bucket4j.redis.lettuce.RedisApi;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lettuce.core.AbstractRedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter brings Bucket4j, Caffeine, Bucket4j's Lettuce module and Resilience4j;
 * everything else it works with is the application's choice. Without each of those
 * (Micrometer, Actuator, Spring Data Redis and Lettuce, Resilience4j, Tomcat, the
 * RestClient), the application starts, its requests are limited, and only the parts
 * that need the missing library stay away; asking for a part that cannot work without
 * it fails start-up with the property and what to add. (Each library is hidden by the
 * class its parts are conditional on: hiding whole packages would also hide the
 * condition classes of annotations that can still be read, which no real class path
 * does.)
 */
class OptionalDependenciesTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TollgateAutoConfiguration.class,
				TollgateMetricsAutoConfiguration.class, TollgateEndpointAutoConfiguration.class,
				TollgateClientAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withPropertyValues("tollgate.limits.api.paths=/**", "tollgate.limits.api.rate=2/1m",
				"tollgate.headers.style=draft-6", "tollgate.client.enabled=true",
				"management.endpoints.web.exposure.include=ratelimits");

	@Test
	void withEverythingEveryPartIsThere() {
		this.contextRunner.run((context) -> {
			assertLimits(context);
			assertThat(context).hasSingleBean(RateLimitMetrics.class)
				.hasSingleBean(RateLimitsEndpoint.class)
				.hasBean("tollgateHealthIndicator")
				.hasSingleBean(TomcatResponseHeaderAccess.class)
				.hasSingleBean(RateLimitRetryInterceptor.class);
		});
	}

	@Test
	void withoutMicrometerThereAreNoMeters() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run((context) -> {
			assertLimits(context);
			assertThat(context).doesNotHaveBean(RateLimitMetrics.class).hasSingleBean(RateLimitsEndpoint.class);
		});
	}

	@Test
	void withoutActuatorThereIsNoEndpointOrHealth() {
		this.contextRunner
			.withClassLoader(new FilteredClassLoader(Endpoint.class, HealthIndicator.class))
			.run((context) -> {
				assertLimits(context);
				assertThat(context).doesNotHaveBean(RateLimitsEndpoint.class)
					.doesNotHaveBean("tollgateHealthIndicator")
					.hasSingleBean(RateLimitMetrics.class);
			});
	}

	@Test
	void withoutTomcatHeadersTakeTheServletApi() {
		this.contextRunner
			.withClassLoader(new FilteredClassLoader(Tomcat.class))
			.run((context) -> {
				assertLimits(context);
				assertThat(context).doesNotHaveBean(TomcatResponseHeaderAccess.class)
					.doesNotHaveBean(TomcatHeaderKeyReader.class);
			});
	}

	@Test
	void withoutTheRestClientThereIsNoRetryingClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RestClient.class))
			.run((context) -> {
				assertLimits(context);
				assertThat(context).doesNotHaveBean(RateLimitRetryInterceptor.class);
			});
	}

	@Test
	void withoutRedisBucketsStayInMemoryAndAskingForRedisIsExplained() {
		FilteredClassLoader noRedis = new FilteredClassLoader(AbstractRedisClient.class, RedisApi.class);
		this.contextRunner.withClassLoader(noRedis).run((context) -> {
			assertLimits(context);
			assertThat(context).hasSingleBean(InMemoryBucketStore.class);
		});
		this.contextRunner.withClassLoader(noRedis)
			.withPropertyValues("tollgate.store.type=redis")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidRateLimitException.class)
				.hasMessageContaining("tollgate.store.type")
				.hasMessageContaining("spring-boot-starter-data-redis"));
	}

	@Test
	void withoutResilience4jAskingForRedisIsExplained() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(CircuitBreaker.class)).run((context) -> {
			assertLimits(context);
			assertThat(context).hasSingleBean(InMemoryBucketStore.class);
		});
		this.contextRunner.withClassLoader(new FilteredClassLoader(CircuitBreaker.class))
			.withPropertyValues("tollgate.store.type=redis")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidRateLimitException.class)
				.hasMessageContaining("resilience4j-circuitbreaker"));
	}

	/** Two requests allowed with their headers, the third rejected. */
	private static void assertLimits(AssertableWebApplicationContext context) throws Exception {
		assertThat(context).hasNotFailed();
		FilterRegistrationBean<?> registration = context.getBean("tollgateFilterRegistration",
				FilterRegistrationBean.class);
		for (int i = 1; i <= 3; i++) {
			MockHttpServletResponse response = new MockHttpServletResponse();
			registration.getFilter()
				.doFilter(new MockHttpServletRequest("GET", "/orders"), response, new MockFilterChain());
			assertThat(response.getStatus()).as("request %d", i).isEqualTo((i <= 2) ? 200 : 429);
			assertThat(response.getHeader("RateLimit-Remaining")).isEqualTo(Integer.toString(Math.max(2 - i, 0)));
		}
	}

}
