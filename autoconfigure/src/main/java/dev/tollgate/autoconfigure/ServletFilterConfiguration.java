package dev.tollgate.autoconfigure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import jakarta.servlet.DispatcherType;

import dev.tollgate.limiter.RateLimiter;
import dev.tollgate.plan.PlanCache;
import dev.tollgate.rule.InvalidRateLimitException;
import dev.tollgate.rule.RateLimitRules;
import dev.tollgate.web.Draft11HeaderWriter;
import dev.tollgate.web.Draft6HeaderWriter;
import dev.tollgate.web.HeaderStyle;
import dev.tollgate.web.LegacyHeaderWriter;
import dev.tollgate.web.LimitRequestFactory;
import dev.tollgate.web.RateLimitFilter;
import dev.tollgate.web.RateLimitHeaderWriter;
import dev.tollgate.web.RejectionResponse;
import dev.tollgate.web.ResponseHeaderAccess;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * The servlet filter, its headers and its rejection response.
 */
@Configuration(proxyBeanMethods = false)
class ServletFilterConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RejectionResponse tollgateRejectionResponse(TollgateProperties properties) {
		TollgateProperties.Rejection rejection = properties.getRejection();
		if (rejection.getStatus() < 400 || rejection.getStatus() > 599) {
			throw new InvalidRateLimitException("tollgate.rejection.status", rejection.getStatus(),
					"a rejection status is a 4xx or 5xx code", "429");
		}
		try {
			MediaType.parseMediaType(rejection.getContentType());
		}
		catch (InvalidMediaTypeException ex) {
			throw new InvalidRateLimitException("tollgate.rejection.content-type", rejection.getContentType(),
					ex.getMessage(), "application/json");
		}
		return new RejectionResponse(rejection.getStatus(), rejection.getContentType(), rejection.getBody());
	}

	@Bean
	@ConditionalOnMissingBean(name = "tollgateFilterRegistration")
	FilterRegistrationBean<RateLimitFilter> tollgateFilterRegistration(TollgateProperties properties,
			RateLimitRules rules, RateLimiter limiter, RejectionResponse rejection, ObjectProvider<Clock> clock,
			ObjectProvider<PlanCache> planCache, ObjectProvider<ResponseHeaderAccess> headerAccess,
			BeanFactory beanFactory) {
		List<RateLimitHeaderWriter> writers = headerWriters(properties.getHeaders().getStyle(),
				clock.getIfAvailable(Clock::systemUTC));
		int failureStatus = properties.getStore().getFailureStatus();
		if (failureStatus < 400 || failureStatus > 599) {
			throw new InvalidRateLimitException("tollgate.store.failure-status", failureStatus,
					"a rejection status is a 4xx or 5xx code", "503");
		}
		RejectionResponse storeFailure = new RejectionResponse(failureStatus,
				properties.getRejection().getContentType(), properties.getRejection().getBody());
		FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(
				new RateLimitFilter(new LimitRequestFactory(rules, planCache.getIfAvailable(), SpringMvcPathMatching.of(beanFactory).lookupPath()),
						limiter, writers,
						headerAccess.getIfAvailable(ResponseHeaderAccess::servlet), rejection, storeFailure));
		registration.setName("tollgateRateLimitFilter");
		registration.setOrder(properties.getFilter().getOrder());
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		return registration;
	}

	private static List<RateLimitHeaderWriter> headerWriters(List<HeaderStyle> styles, Clock clock) {
		List<RateLimitHeaderWriter> writers = new ArrayList<>();
		for (HeaderStyle style : new LinkedHashSet<>(styles)) {
			switch (style) {
				case DRAFT_11 -> writers.add(new Draft11HeaderWriter());
				case DRAFT_6 -> writers.add(new Draft6HeaderWriter());
				case LEGACY -> writers.add(new LegacyHeaderWriter(clock));
				case NONE -> {
				}
			}
		}
		return writers;
	}

}
