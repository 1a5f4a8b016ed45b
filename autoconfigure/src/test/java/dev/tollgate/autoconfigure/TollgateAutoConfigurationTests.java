package dev.tollgate.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.tollgate.key.HeaderKeyReader;
import dev.tollgate.key.KeyHasher;
import dev.tollgate.key.Sha256KeyHasher;
import dev.tollgate.key.SipHashKeyHasher;
import dev.tollgate.limiter.RateLimiter;
import dev.tollgate.metrics.RateLimitMetrics;
import dev.tollgate.rule.Bandwidths;
import dev.tollgate.rule.InvalidRateLimitException;
import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.rule.RateLimitRules;
import dev.tollgate.store.BucketStore;
import dev.tollgate.store.InMemoryBucketStore;
import dev.tollgate.store.TokenBucket;
import dev.tollgate.store.redis.LastKnownStateProxyManager;
import dev.tollgate.store.redis.LettuceConnection;
import dev.tollgate.store.redis.RedisBucketStore;
import dev.tollgate.web.RateLimitFilter;
import dev.tollgate.web.ResponseHeaderAccess;
import dev.tollgate.web.tomcat.TomcatHeaderKeyReader;
import dev.tollgate.web.tomcat.TomcatResponseHeaderAccess;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.filter.HiddenHttpMethodFilter;
import org.springframework.core.Ordered;
import org.springframework.boot.servlet.filter.OrderedHiddenHttpMethodFilter;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class TollgateAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TollgateAutoConfiguration.class));

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void warnsOfAHiddenHttpMethodFilterThatRunsAfterIt(CapturedOutput output) {
		String warning = "A HiddenHttpMethodFilter runs after Tollgate (order " + Ordered.LOWEST_PRECEDENCE
				+ ", Tollgate's -90)";
		this.contextRunner.withBean(HiddenHttpMethodFilter.class)
			.run((context) -> assertThat(output).contains(warning));
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aHiddenHttpMethodFilterBeforeItIsFine(CapturedOutput output) {
		this.contextRunner.withBean(OrderedHiddenHttpMethodFilter.class)
			.withBean("registered", FilterRegistrationBean.class,
					() -> registeredAt(-200))
			.run((context) -> assertThat(output).doesNotContain("A HiddenHttpMethodFilter runs after Tollgate"));
		this.contextRunner.withPropertyValues("tollgate.filter.order=-20000")
			.withBean(OrderedHiddenHttpMethodFilter.class)
			.run((context) -> assertThat(output).contains("(order -10000, Tollgate's -20000)"));
	}

	private static FilterRegistrationBean<HiddenHttpMethodFilter> registeredAt(int order) {
		FilterRegistrationBean<HiddenHttpMethodFilter> registration = new FilterRegistrationBean<>(
				new HiddenHttpMethodFilter());
		registration.setOrder(order);
		return registration;
	}

	@Test
	void registersTheFilterWithAnExplicitOrder() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(RateLimiter.class).hasSingleBean(InMemoryBucketStore.class);
			FilterRegistrationBean<?> registration = context.getBean("tollgateFilterRegistration",
					FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(RateLimitFilter.class);
			assertThat(registration.getOrder()).isEqualTo(-90);
		});
	}

	@Test
	void buildsRulesFromProperties() {
		this.contextRunner
			.withPropertyValues("tollgate.limits.api.paths=/v1/**", "tollgate.limits.api.rate=10/1s, 1000/1h",
					"tollgate.limits.api.key=header:X-Api-Key", "tollgate.limits.off.paths=/x",
					"tollgate.limits.off.rate=1/1m", "tollgate.limits.off.enabled=false",
					"tollgate.default-limit.rate=100/1m", "tollgate.exempt=GET /health")
			.run((context) -> {
				RateLimitRules rules = context.getBean(RateLimitRules.class);
				assertThat(rules.getLimits()).extracting(RateLimitRule::getName).containsExactly("api");
				RateLimitRule api = rules.getLimits().get(0);
				assertThat(api.getRates()).hasToString("[10/1s, 1000/1h]");
				assertThat(api.getKeyName()).isEqualTo("header:X-Api-Key");
				assertThat(api.getSource()).isEqualTo("tollgate.limits.api");
				assertThat(rules.getDefaultLimit().getRoute().describe()).containsExactly("/**");
				assertThat(rules.getExemptions()).hasSize(1);
			});
	}

	@Test
	void offWhenDisabled() {
		this.contextRunner.withPropertyValues("tollgate.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RateLimiter.class)
				.doesNotHaveBean("tollgateFilterRegistration"));
	}

	@Test
	void offOutsideServletApplications() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TollgateAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RateLimiter.class));
	}

	@Test
	void timesDecisionsInMemoryOnlyWhenTheApplicationAsks() {
		WebApplicationContextRunner withMetrics = this.contextRunner
			.withConfiguration(AutoConfigurations.of(TollgateMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("tollgate.limits.api.paths=/**", "tollgate.limits.api.rate=10/1m");
		withMetrics.run((context) -> {
			consumeOnce(context.getBean(RateLimiter.class), context.getBean(RateLimitRules.class));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("tollgate.requests").tag("outcome", "allowed").counter().count()).isEqualTo(1);
			assertThat(registry.find("tollgate.decision").meter()).isNull();
		});
		withMetrics.withUserConfiguration(TimedMetricsConfiguration.class).run((context) -> {
			consumeOnce(context.getBean(RateLimiter.class), context.getBean(RateLimitRules.class));
			assertThat(context.getBean(MeterRegistry.class).get("tollgate.decision").timer().count()).isEqualTo(1);
		});
	}

	private static void consumeOnce(RateLimiter limiter, RateLimitRules rules) {
		limiter.consume(List.of(rules.getLimits().get(0)), List.of("a"));
	}

	/**
	 * On Tomcat, a header key reader and a response header access of the application's
	 * own replace Tomcat's direct ones, rather than stand beside them: two of a kind
	 * would leave Tollgate unable to choose, and fail start-up.
	 */
	@Test
	void backsOffWhenUserDefinesOwnHeaderKeyReaderAndResponseHeaderAccess() {
		List<String> asked = new CopyOnWriteArrayList<>();
		HeaderKeyReader reader = (request, name, hasher) -> "read:" + name;
		ResponseHeaderAccess access = (response) -> {
			asked.add("response headers");
			return ResponseHeaderAccess.servlet().of(response);
		};
		this.contextRunner.withBean(HeaderKeyReader.class, () -> reader)
			.withBean(ResponseHeaderAccess.class, () -> access)
			.withPropertyValues("tollgate.limits.api.paths=/**", "tollgate.limits.api.rate=10/1m",
					"tollgate.limits.api.key=header:X-Api-Key", "tollgate.headers.style=draft-6")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(TomcatHeaderKeyReader.class)
					.doesNotHaveBean(TomcatResponseHeaderAccess.class);
				RateLimitRule api = context.getBean(RateLimitRules.class).getLimits().get(0);
				assertThat(api.getKeyResolver().resolveKey(new MockHttpServletRequest())).isEqualTo("read:X-Api-Key");
				MockHttpServletResponse response = new MockHttpServletResponse();
				context.getBean("tollgateFilterRegistration", FilterRegistrationBean.class)
					.getFilter()
					.doFilter(new MockHttpServletRequest("GET", "/orders"), response, new MockFilterChain());
				assertThat(asked).containsExactly("response headers");
				assertThat(response.getHeader("RateLimit-Remaining")).isEqualTo("9");
			});
	}

	@Test
	void backsOffWhenUserDefinesOwnStoreAndLimiter() {
		this.contextRunner.withUserConfiguration(UserStoreConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(BucketStore.class);
			assertThat(context.getBean(BucketStore.class)).isSameAs(context.getBean("userStore"));
			assertThat(context.getBean(RateLimiter.class)).isSameAs(context.getBean("userLimiter"));
		});
	}

	@Test
	void redisStoreUsesTollgatesProxyManagerUnlessTheApplicationHasOne() {
		WebApplicationContextRunner redis = this.contextRunner.withPropertyValues("tollgate.store.type=redis")
			.withBean(RedisClient.class, () -> RedisClient.create("redis://127.0.0.1:1"),
					(definition) -> definition.setDestroyMethodName("shutdown"));
		redis.run((context) -> assertThat(context).hasSingleBean(ProxyManager.class)
			.hasSingleBean(LastKnownStateProxyManager.class)
			.hasSingleBean(RedisBucketStore.class));
		redis.withUserConfiguration(UserProxyManagerConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ProxyManager.class).doesNotHaveBean(LastKnownStateProxyManager.class);
			assertThat(context.getBean(ProxyManager.class)).isSameAs(context.getBean("userProxyManager"));
		});
	}

	@Test
	void hashesCredentialsUnderTheInstancesOwnSecretOnlyForBucketsNoOtherInstanceSees() {
		this.contextRunner.run((context) -> assertThat(context.getBean(KeyHasher.class))
			.isInstanceOf(SipHashKeyHasher.class));
		this.contextRunner.withPropertyValues("tollgate.store.type=redis")
			.withBean(RedisClient.class, () -> RedisClient.create("redis://127.0.0.1:1"),
					(definition) -> definition.setDestroyMethodName("shutdown"))
			.run((context) -> assertThat(context.getBean(KeyHasher.class)).isInstanceOf(Sha256KeyHasher.class));
		this.contextRunner.withBean("userStore", BucketStore.class, SharedStore::new)
			.run((context) -> assertThat(context.getBean(KeyHasher.class)).isInstanceOf(Sha256KeyHasher.class));
		this.contextRunner.withBean("userHasher", KeyHasher.class, () -> (value) -> "user")
			.run((context) -> assertThat(context.getBean(KeyHasher.class)).isSameAs(context.getBean("userHasher")));
	}

	@Test
	void backsOffWhenUserDefinesOwnRules() {
		this.contextRunner.withUserConfiguration(UserRulesConfiguration.class)
			.withPropertyValues("tollgate.limits.ignored.rate=nonsense")
			.run((context) -> assertThat(context.getBean(RateLimitRules.class).getLimits()).isEmpty());
	}

	@Test
	void findsKeyResolverBeansByName() {
		this.contextRunner.withUserConfiguration(TenantResolverConfiguration.class)
			.withPropertyValues("tollgate.limits.api.paths=/**", "tollgate.limits.api.rate=1/1s",
					"tollgate.limits.api.key=tenantKey")
			.run((context) -> assertThat(context.getBean(RateLimitRules.class).getLimits().get(0).getKeyName())
				.isEqualTo("tenantKey"));
	}

	@Test
	void invalidValueIsExplainedByTheFailureAnalyzer() {
		this.contextRunner.withPropertyValues("tollgate.limits.api.paths=/**", "tollgate.limits.api.rate=lots")
			.run((context) -> {
				Throwable failure = context.getStartupFailure();
				InvalidRateLimitException cause = findCause(failure);
				var analysis = new InvalidRateLimitFailureAnalyzer().analyze(failure);
				assertThat(analysis.getDescription()).contains("tollgate.limits.api.rate[0]").contains("'lots'");
				assertThat(analysis.getAction()).isEqualTo(
						"Update tollgate.limits.api.rate[0] to a valid value, for example: 200/1m");
				assertThat(cause.getOrigin()).isEqualTo("tollgate.limits.api.rate[0]");
			});
	}

	private static InvalidRateLimitException findCause(Throwable failure) {
		Throwable current = failure;
		while (current != null && !(current instanceof InvalidRateLimitException)) {
			current = current.getCause();
		}
		assertThat(current).as("cause of %s", failure).isInstanceOf(InvalidRateLimitException.class);
		return (InvalidRateLimitException) current;
	}

	@Configuration(proxyBeanMethods = false)
	static class UserStoreConfiguration {

		@Bean
		BucketStore userStore() {
			return new InMemoryBucketStore(10, TimeMeter.SYSTEM_NANOTIME);
		}

		@Bean
		RateLimiter userLimiter(BucketStore userStore) {
			return new RateLimiter(userStore);
		}

	}

	/**
	 * A store of the application's own, which says nothing of where its buckets live;
	 * the context only has to start with it.
	 */
	static class SharedStore implements BucketStore {

		@Override
		public TokenBucket bucket(RateLimitRule rule, String key, Bandwidths bandwidths, long version) {
			throw new UnsupportedOperationException("no request reaches this store");
		}

		@Override
		public @Nullable TokenBucket find(RateLimitRule rule, String key) {
			throw new UnsupportedOperationException("no request reaches this store");
		}

		@Override
		public boolean remove(RateLimitRule rule, String key) {
			throw new UnsupportedOperationException("no request reaches this store");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserProxyManagerConfiguration {

		@Bean
		ProxyManager<byte[]> userProxyManager(LettuceConnection<byte[]> connection) {
			return new Bucket4jLettuce.LettuceBasedProxyManagerBuilder<>(connection).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserRulesConfiguration {

		@Bean
		RateLimitRules userRules() {
			return new RateLimitRules(List.of(), null, List.of());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TenantResolverConfiguration {

		@Bean
		dev.tollgate.key.RateLimitKeyResolver tenantKey() {
			return (request) -> request.getHeader("X-Tenant");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TimedMetricsConfiguration {

		@Bean
		RateLimitMetrics timedMetrics(MeterRegistry registry, RateLimitRules rules) {
			return new RateLimitMetrics(registry, rules, true);
		}

	}

}
