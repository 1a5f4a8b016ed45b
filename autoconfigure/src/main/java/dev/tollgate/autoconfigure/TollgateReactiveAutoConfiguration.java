package dev.tollgate.autoconfigure;

import dev.tollgate.rule.InvalidRateLimitException;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Stops a reactive (WebFlux) application that configures limits. Tollgate limits
 * Spring MVC applications: in a reactive one no request would pass its filter, and the
 * limits would silently protect nothing. An application that only uses Tollgate's
 * client side, with no limits of its own, starts as usual.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBooleanProperty(name = "tollgate.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TollgateProperties.class)
public final class TollgateReactiveAutoConfiguration {

	TollgateReactiveAutoConfiguration(TollgateProperties properties) {
		if (!properties.getLimits().isEmpty() || properties.getDefaultLimit() != null) {
			throw new InvalidRateLimitException("tollgate.enabled", true,
					"Tollgate limits Spring MVC (servlet) applications, and this is a reactive one, whose requests "
							+ "its limits would never see. Run the application on Spring MVC, or switch Tollgate off",
					"false");
		}
	}

}
