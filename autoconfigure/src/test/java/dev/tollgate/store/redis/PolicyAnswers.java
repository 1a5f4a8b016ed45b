package dev.tollgate.store.redis;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ApplicationContext;

/**
 * The requests of a limit that the failure policy answered rather than Redis, as
 * {@code tollgate.requests} counts them ({@code outcome="error"}): how the Redis tests
 * tell the answers of a store that is down from those it gave.
 */
final class PolicyAnswers {

	private PolicyAnswers() {
	}

	/**
	 * The requests of one limit the failure policy answered so far.
	 * @param application the application
	 * @param limit the limit's name
	 * @return how many, 0 before the first
	 */
	static double of(ApplicationContext application, String limit) {
		return application.getBean(MeterRegistry.class)
			.find("tollgate.requests")
			.tag("limit", limit)
			.tag("outcome", "error")
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

}
