package dev.tollgate.autoconfigure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import jakarta.servlet.DispatcherType;

import dev.tollgate.limiter.RateLimiter;
import dev.tollgate.plan.PlanCache;
import dev.tollgate.rule.InvalidRateLimitException;
import dev.tollgate.rule.RateLimitRules;
import dev.tollgate.web.Draft11HeaderWriter;
import dev.tollgate.web.Draft6HeaderWriter;
import dev.tollgate.web.HandlerMappingLookup;
import dev.tollgate.web.HeaderStyle;
import dev.tollgate.web.LegacyHeaderWriter;
import dev.tollgate.web.LimitRequestFactory;
import dev.tollgate.web.RateLimitFilter;
import dev.tollgate.web.RateLimitHeaderWriter;
import dev.tollgate.web.RejectionCorsHeaders;
import dev.tollgate.web.RejectionResponse;
import dev.tollgate.web.ResponseHeaderAccess;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.OrderUtils;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.HiddenHttpMethodFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The servlet filter, its headers and its rejection response.
 */
@Configuration(proxyBeanMethods = false)
class ServletFilterConfiguration {

	private static final Log logger = LogFactory.getLog(ServletFilterConfiguration.class);

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
		SpringMvcPathMatching pathMatching = SpringMvcPathMatching.of(beanFactory);
		HandlerMappingLookup handlers = new HandlerMappingLookup(
				() -> beanFactory.getBeanProvider(HandlerMapping.class).orderedStream().toList(),
				pathMatching.handlerMapping());
		LimitRequestFactory limits = new LimitRequestFactory(rules, planCache.getIfAvailable(),
				pathMatching.lookupPath(), handlers);
		FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(new RateLimitFilter(limits,
				limiter, writers, headerAccess.getIfAvailable(ResponseHeaderAccess::servlet), rejection, storeFailure,
				new RejectionCorsHeaders(handlers)));
		registration.setName("tollgateRateLimitFilter");
		registration.setOrder(properties.getFilter().getOrder());
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		return registration;
	}

	/**
	 * Warns of a {@code HiddenHttpMethodFilter} that runs after Tollgate: it changes the
	 * method a handler is chosen by (a POST with {@code _method=DELETE} goes to a DELETE
	 * handler), and Tollgate would have counted the POST.
	 */
	@Bean
	static SmartInitializingSingleton tollgateMethodOverrideCheck(ListableBeanFactory beanFactory,
			ObjectProvider<TollgateProperties> properties) {
		return () -> {
			int tollgateOrder = properties.getObject().getFilter().getOrder();
			// a filter in a registration bean has the registration's order, any other its own
			Map<HiddenHttpMethodFilter, Integer> orders = new IdentityHashMap<>();
			for (FilterRegistrationBean<?> registration : beanFactory
				.getBeansOfType(FilterRegistrationBean.class, false, false)
				.values()) {
				if (registration.getFilter() instanceof HiddenHttpMethodFilter filter) {
					orders.put(filter, registration.getOrder());
				}
			}
			for (HiddenHttpMethodFilter filter : beanFactory.getBeansOfType(HiddenHttpMethodFilter.class, false, false)
				.values()) {
				orders.putIfAbsent(filter, (filter instanceof Ordered ordered) ? ordered.getOrder()
						: OrderUtils.getOrder(filter.getClass(), Ordered.LOWEST_PRECEDENCE));
			}
			orders.values().stream().filter((order) -> order > tollgateOrder).forEach((order) -> logger.warn(
					"A HiddenHttpMethodFilter runs after Tollgate (order " + order + ", Tollgate's " + tollgateOrder
							+ "): it changes the method a handler is chosen by, and Tollgate counts the method it saw. "
							+ "Give it an order below " + tollgateOrder + ", as Boot's own has "
							+ "(spring.mvc.hiddenmethod.filter.enabled=true)"));
		};
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
