package dev.tollgate.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.tollgate.limiter.LimitOutcome;
import dev.tollgate.limiter.LimitRequest;
import dev.tollgate.limiter.RateLimitDecision;
import dev.tollgate.limiter.RateLimiter;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies the rate limits to each request. It only combines its collaborators: the
 * factory says which limits apply and with which key and plan, the limiter decides,
 * the header writers describe the decision and the rejection responses answer a
 * rejected request.
 */
public final class RateLimitFilter extends OncePerRequestFilter {

	private static final String ALREADY_FILTERED = RateLimitFilter.class.getName() + ALREADY_FILTERED_SUFFIX;

	private final LimitRequestFactory limits;

	private final RateLimiter limiter;

	private final List<RateLimitHeaderWriter> headerWriters;

	private final RejectionResponse rejection;

	private final RejectionResponse storeFailureRejection;

	/**
	 * Create a new filter.
	 * @param limits which limits apply to a request
	 * @param limiter the decision
	 * @param headerWriters the headers to write
	 * @param rejection the response to a request over its limit
	 * @param storeFailureRejection the response to a request refused because the
	 * store failed and the failure policy denies
	 */
	public RateLimitFilter(LimitRequestFactory limits, RateLimiter limiter, List<RateLimitHeaderWriter> headerWriters,
			RejectionResponse rejection, RejectionResponse storeFailureRejection) {
		this.limits = limits;
		this.limiter = limiter;
		this.headerWriters = List.copyOf(headerWriters);
		this.rejection = rejection;
		this.storeFailureRejection = storeFailureRejection;
	}

	/**
	 * A constant, rather than the filter's name joined to a suffix on every request.
	 */
	@Override
	protected String getAlreadyFilteredAttributeName() {
		return ALREADY_FILTERED;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		List<LimitRequest> applicable;
		try {
			applicable = this.limits.limitsFor(request);
		}
		catch (IllegalArgumentException ex) {
			// Spring MVC could not route this path either; answer it without a handler
			response.sendError(HttpServletResponse.SC_BAD_REQUEST);
			return;
		}
		if (applicable.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		RateLimitDecision decision = this.limiter.consume(applicable);
		for (RateLimitHeaderWriter writer : this.headerWriters) {
			writer.write(response, decision);
		}
		LimitOutcome violated = decision.getViolated();
		if (violated != null) {
			(violated.hasBucket() ? this.rejection : this.storeFailureRejection).write(response, violated);
			return;
		}
		chain.doFilter(request, response);
	}

}
