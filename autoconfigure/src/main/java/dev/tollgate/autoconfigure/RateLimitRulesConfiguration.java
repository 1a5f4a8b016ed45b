package dev.tollgate.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tollgate.key.ClientIpKeyResolver;
import dev.tollgate.key.IpRange;
import dev.tollgate.key.KeyHasher;
import dev.tollgate.key.KeyResolvers;
import dev.tollgate.key.RateLimitKeyResolver;
import dev.tollgate.rule.InvalidRateLimitException;
import dev.tollgate.rule.RateLimitRules;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The rules and who is asking: key resolvers and the limits built from properties.
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
			KeyHasher keyHasher, Map<String, RateLimitKeyResolver> keyResolverBeans) {
		KeyResolvers keyResolvers = new KeyResolvers(clientIpKeyResolver, keyHasher, keyResolverBeans,
				properties.getMissingKey());
		return new RateLimitRulesFactory(keyResolvers).create(properties);
	}

}
