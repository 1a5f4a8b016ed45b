package dev.tollgate.autoconfigure;

import dev.tollgate.annotation.RateLimit;
import dev.tollgate.annotation.RateLimitPlacement;
import dev.tollgate.rule.InvalidRateLimitException;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.util.ClassUtils;

/**
 * Stops a reactive (WebFlux) application that declares limits, in {@code tollgate.*}
 * or with {@link RateLimit @RateLimit} on a controller. Tollgate limits Spring MVC
 * applications: in a reactive one no request would pass its filter, and the limits
 * would silently protect nothing. An application that declares none, using only
 * Tollgate's client side, starts as usual.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBooleanProperty(name = "tollgate.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TollgateProperties.class)
public final class TollgateReactiveAutoConfiguration {

	TollgateReactiveAutoConfiguration(TollgateProperties properties) {
		if (!properties.getLimits().isEmpty() || properties.getDefaultLimit() != null) {
			throw unlimited("the limits configured under tollgate");
		}
	}

	@Bean
	static SmartInitializingSingleton tollgateRateLimitAnnotationsCheck(ListableBeanFactory beanFactory) {
		return () -> {
			RateLimitPlacement placement = new RateLimitPlacement();
			for (String name : beanFactory.getBeanNamesForAnnotation(Controller.class)) {
				Class<?> type = beanFactory.getType(name, false);
				Class<?> controller = (type != null) ? ClassUtils.getUserClass(type) : null;
				if (controller != null && placement.declaresLimits(controller)) {
					throw unlimited("the @RateLimit of " + controller.getName());
				}
			}
		};
	}

	private static InvalidRateLimitException unlimited(String limits) {
		return new InvalidRateLimitException("tollgate.enabled", true,
				"Tollgate limits Spring MVC (servlet) applications, and the requests of this reactive one would "
						+ "never meet " + limits + ". Run the application on Spring MVC, or switch Tollgate off",
				"false");
	}

}
