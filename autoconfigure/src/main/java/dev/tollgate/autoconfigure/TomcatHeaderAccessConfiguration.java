package dev.tollgate.autoconfigure;

import dev.tollgate.key.HeaderKeyReader;
import dev.tollgate.web.ResponseHeaderAccess;
import dev.tollgate.web.tomcat.TomcatExchange;
import dev.tollgate.web.tomcat.TomcatHeaderKeyReader;
import dev.tollgate.web.tomcat.TomcatResponseHeaderAccess;
import org.apache.catalina.startup.Tomcat;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * On embedded Tomcat, header keys read from the request's bytes and the headers
 * written as bytes straight into the response: a valve in the context's pipeline tells
 * Tollgate which Tomcat request and response it serves. A {@link HeaderKeyReader} or a
 * {@link ResponseHeaderAccess} bean of the application's own replaces the direct one.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ Tomcat.class, TomcatServletWebServerFactory.class })
@ConditionalOnBooleanProperty(name = "tollgate.headers.tomcat-direct", matchIfMissing = true)
class TomcatHeaderAccessConfiguration {

	@Bean
	TomcatExchange tollgateTomcatExchange() {
		return new TomcatExchange();
	}

	@Bean
	@ConditionalOnMissingBean(ResponseHeaderAccess.class)
	TomcatResponseHeaderAccess tollgateTomcatResponseHeaderAccess(TomcatExchange exchange) {
		return new TomcatResponseHeaderAccess(exchange);
	}

	@Bean
	@ConditionalOnMissingBean(HeaderKeyReader.class)
	TomcatHeaderKeyReader tollgateTomcatHeaderKeyReader(TomcatExchange exchange) {
		return new TomcatHeaderKeyReader(exchange);
	}

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> tollgateTomcatValveCustomizer(TomcatExchange exchange) {
		return (factory) -> factory.addContextValves(exchange.valve());
	}

}
