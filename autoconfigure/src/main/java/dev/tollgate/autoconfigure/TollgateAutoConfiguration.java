package dev.tollgate.autoconfigure;

import io.github.bucket4j.Bucket;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Auto-configuration for Tollgate rate limiting of Spring MVC applications.
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, Bucket.class })
@ConditionalOnBooleanProperty(name = "tollgate.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TollgateProperties.class)
@Import({ RateLimitRulesConfiguration.class, RedisStoreConfiguration.class, InMemoryStoreConfiguration.class,
		StoreGuardConfiguration.class, TomcatHeaderAccessConfiguration.class, ServletFilterConfiguration.class })
public final class TollgateAutoConfiguration {

}
