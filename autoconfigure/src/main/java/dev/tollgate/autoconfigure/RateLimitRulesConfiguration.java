package dev.tollgate.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tollgate.annotation.AnnotatedLimits;
import dev.tollgate.annotation.HandlerMethodAnnotationsReader;
import dev.tollgate.annotation.RateLimitPlacement;
import dev.tollgate.key.ClientIpKeyResolver;
import dev.tollgate.key.HeaderKeyReader;
import dev.tollgate.key.IpRange;
import dev.tollgate.key.KeyHasher;
import dev.tollgate.key.KeyResolvers;
import dev.tollgate.key.RateLimitKeyResolver;
import dev.tollgate.key.Sha256KeyHasher;
import dev.tollgate.key.SipHashKeyHasher;
import dev.tollgate.plan.PlanCache;
import dev.tollgate.plan.PlanResolvers;
import dev.tollgate.plan.RateLimitPlanResolver;
import dev.tollgate.rule.InvalidRateLimitException;
import dev.tollgate.rule.RateLimitRules;
import dev.tollgate.store.BucketStore;
import io.github.bucket4j.TimeMeter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The rules and who is asking: key resolvers, and the limits built from properties and
 * from the annotations on Spring MVC's handler methods.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitRulesConfiguration {

	private static final Log logger = LogFactory.getLog(RateLimitRulesConfiguration.class);

	/**
	 * Credentials hashed alike on every instance for a store that instances share, and
	 * under a secret of this instance's own (cheaper, and a key tells nothing of its
	 * value without the secret) for buckets that only this instance sees.
	 */
	@Bean
	@ConditionalOnMissingBean
	KeyHasher tollgateKeyHasher(BucketStore bucketStore) {
		return bucketStore.isShared() ? new Sha256KeyHasher() : new SipHashKeyHasher();
	}

	@Bean
	@ConditionalOnMissingBean
	ClientIpKeyResolver tollgateClientIpKeyResolver(TollgateProperties properties, Environment environment) {
		TollgateProperties.ClientIp clientIp = properties.getClientIp();
		int prefixLength = clientIp.getIpv6PrefixLength();
		if (prefixLength < 1 || prefixLength > 128) {
			throw new InvalidRateLimitException("tollgate.client-ip.ipv6-prefix-length", prefixLength,
					"the prefix length must be between 1 and 128", "64");
		}
		if ("framework".equalsIgnoreCase(environment.getProperty("server.forward-headers-strategy"))
				&& clientIp.getTrustedProxies().isEmpty()) {
			logger.warn("server.forward-headers-strategy=framework takes the client's address from forwarding "
					+ "headers that any client can write; rate limits keep counting by the connection's address. "
					+ "Behind a proxy, set tollgate.client-ip.trusted-proxies to its addresses (for example: "
					+ "10.0.0.0/8) and Tollgate reads the client from the forwarding header itself");
		}
		return new ClientIpKeyResolver(trustedProxies(clientIp.getTrustedProxies()), clientIp.getForwardedHeader(),
				prefixLength);
	}

	private static List<IpRange> trustedProxies(List<String> ranges) {
		List<IpRange> trusted = new ArrayList<>();
		for (int i = 0; i < ranges.size(); i++) {
			String property = "tollgate.client-ip.trusted-proxies[" + i + "]";
			IpRange range;
			try {
				range = IpRange.parse(ranges.get(i));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidRateLimitException(property, ranges.get(i), ex.getMessage(), "10.0.0.0/8");
			}
			if (range.coversEveryAddress()) {
				// the forwarding header is read from the right up to the first address not
				// trusted: trusting all of them reads on into what the client wrote itself
				throw new InvalidRateLimitException(property, ranges.get(i),
						"trusting every address lets any client choose its own address in the forwarding header; "
								+ "list only your proxies' ranges",
						"10.0.0.0/8");
			}
			trusted.add(range);
		}
		return trusted;
	}

	@Bean
	@ConditionalOnMissingBean
	RateLimitRules tollgateRateLimitRules(TollgateProperties properties, ClientIpKeyResolver clientIpKeyResolver,
			KeyHasher keyHasher, Map<String, RateLimitKeyResolver> keyResolverBeans,
			Map<String, RateLimitPlanResolver> planResolverBeans,
			ObjectProvider<RequestMappingHandlerMapping> handlerMappings, ResourceLoader resourceLoader,
			ObjectProvider<Clock> clock, ObjectProvider<HeaderKeyReader> headerKeyReader, BeanFactory beanFactory) {
		KeyResolvers keyResolvers = new KeyResolvers(clientIpKeyResolver, keyHasher,
				headerKeyReader.getIfAvailable(HeaderKeyReader::servlet), keyResolverBeans, properties.getMissingKey());
		SpringMvcPathMatching pathMatching = SpringMvcPathMatching.of(beanFactory);
		PathPatternParser patternParser = pathMatching.patternParser();
		AnnotatedLimits annotated = new HandlerMethodAnnotationsReader(patternParser, pathMatching.readablePatterns())
			.read(handlerMethods(handlerMappings));
		PlanResolvers planResolvers = new PlanResolvers(planResolverBeans, resourceLoader.getClassLoader());
		return new RateLimitRulesFactory(keyResolvers, planResolvers, clock.getIfAvailable(Clock::systemUTC),
				patternParser)
			.create(properties, annotated);
	}

	/**
	 * Fails start-up on a {@code @RateLimit} that would limit nothing, once every bean
	 * (and so every handler method) is known.
	 */
	@Bean
	static SmartInitializingSingleton tollgateRateLimitPlacementCheck(ListableBeanFactory beanFactory) {
		return () -> {
			List<Class<?>> beanTypes = new ArrayList<>();
			for (String name : beanFactory.getBeanDefinitionNames()) {
				Class<?> type = beanFactory.getType(name, false);
				if (type != null) {
					beanTypes.add(type);
				}
			}
			new RateLimitPlacement().checkAllOnHandlers(beanTypes,
					handlerMethods(beanFactory.getBeanProvider(RequestMappingHandlerMapping.class)).values());
		};
	}

	/** Spring MVC's handler methods, by mapping, where Tollgate reads annotations. */
	private static Map<RequestMappingInfo, HandlerMethod> handlerMethods(
			ObjectProvider<RequestMappingHandlerMapping> handlerMappings) {
		Map<RequestMappingInfo, HandlerMethod> handlerMethods = new LinkedHashMap<>();
		handlerMappings.orderedStream().forEach((mapping) -> handlerMethods.putAll(mapping.getHandlerMethods()));
		return handlerMethods;
	}

	@Bean
	@ConditionalOnMissingBean
	PlanCache tollgatePlanCache(TollgateProperties properties, ObjectProvider<TimeMeter> timeMeter,
			ObjectProvider<Clock> clock) {
		Duration ttl = properties.getPlans().getCacheTtl();
		if (ttl == null || ttl.isNegative()) {
			throw new InvalidRateLimitException("tollgate.plans.cache-ttl", ttl, "the time must not be negative",
					"5m");
		}
		return new PlanCache(ttl, properties.getStore().getMaximumKeys(),
				timeMeter.getIfAvailable(() -> TimeMeter.SYSTEM_NANOTIME), clock.getIfAvailable(Clock::systemUTC));
	}

}
