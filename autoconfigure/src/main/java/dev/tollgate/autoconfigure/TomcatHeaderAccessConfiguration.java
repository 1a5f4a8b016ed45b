package dev.tollgate.autoconfigure;

import dev.tollgate.web.tomcat.TomcatResponseHeaderAccess;
import org.apache.catalina.startup.Tomcat;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * On embedded Tomcat, the headers written as bytes straight into the response: a
 * valve in the context's pipeline tells the filter which Tomcat response it serves.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ Tomcat.class, TomcatServletWebServerFactory.class })
@ConditionalOnBooleanProperty(name = "tollgate.headers.tomcat-direct", matchIfMissing = true)
class TomcatHeaderAccessConfiguration {

	@Bean
	TomcatResponseHeaderAccess tollgateTomcatResponseHeaderAccess() {
		return new TomcatResponseHeaderAccess();
	}

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> tollgateTomcatValveCustomizer(
			TomcatResponseHeaderAccess headerAccess) {
		return (factory) -> factory.addContextValves(headerAccess.valve());
	}

}
