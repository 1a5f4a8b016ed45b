package dev.tollgate.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tollgate.annotation.AnnotatedLimits;
import dev.tollgate.annotation.HandlerMethodAnnotationsReader;
import dev.tollgate.key.ClientIpKeyResolver;
import dev.tollgate.key.IpRange;
import dev.tollgate.key.KeyHasher;
import dev.tollgate.key.KeyResolvers;
import dev.tollgate.key.RateLimitKeyResolver;
import dev.tollgate.rule.InvalidRateLimitException;
import dev.tollgate.rule.RateLimitRules;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The rules and who is asking: key resolvers, and the limits built from properties and
 * from the annotations on Spring MVC's handler methods.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitRulesConfiguration {

	@Bean
	@ConditionalOnMissingBean
	KeyHasher tollgateKeyHasher() {
		return new KeyHasher();
	}

	@Bean
	@ConditionalOnMissingBean
	ClientIpKeyResolver tollgateClientIpKeyResolver(TollgateProperties properties) {
		TollgateProperties.ClientIp clientIp = properties.getClientIp();
		int prefixLength = clientIp.getIpv6PrefixLength();
		if (prefixLength < 1 || prefixLength > 128) {
			throw new InvalidRateLimitException("tollgate.client-ip.ipv6-prefix-length", prefixLength,
					"the prefix length must be between 1 and 128", "64");
		}
		return new ClientIpKeyResolver(trustedProxies(clientIp.getTrustedProxies()), clientIp.getForwardedHeader(),
				prefixLength);
	}

	private static List<IpRange> trustedProxies(List<String> ranges) {
		List<IpRange> trusted = new ArrayList<>();
		for (int i = 0; i < ranges.size(); i++) {
			try {
				trusted.add(IpRange.parse(ranges.get(i)));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidRateLimitException("tollgate.client-ip.trusted-proxies[" + i + "]", ranges.get(i),
						ex.getMessage(), "10.0.0.0/8");
			}
		}
		return trusted;
	}

	@Bean
	@ConditionalOnMissingBean
	RateLimitRules tollgateRateLimitRules(TollgateProperties properties, ClientIpKeyResolver clientIpKeyResolver,
			KeyHasher keyHasher, Map<String, RateLimitKeyResolver> keyResolverBeans,
			ObjectProvider<RequestMappingHandlerMapping> handlerMappings) {
		KeyResolvers keyResolvers = new KeyResolvers(clientIpKeyResolver, keyHasher, keyResolverBeans,
				properties.getMissingKey());
		Map<RequestMappingInfo, HandlerMethod> handlerMethods = new LinkedHashMap<>();
		handlerMappings.orderedStream().forEach((mapping) -> handlerMethods.putAll(mapping.getHandlerMethods()));
		AnnotatedLimits annotated = new HandlerMethodAnnotationsReader().read(handlerMethods);
		return new RateLimitRulesFactory(keyResolvers).create(properties, annotated);
	}

}
