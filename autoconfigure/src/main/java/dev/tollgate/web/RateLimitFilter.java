package dev.tollgate.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.tollgate.limiter.LimitOutcome;
import dev.tollgate.limiter.LimitRequest;
import dev.tollgate.limiter.RateLimitDecision;
import dev.tollgate.limiter.RateLimiter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Applies the rate limits to each request. It only combines its collaborators: the
 * factory says which limits apply and with which key and plan, the limiter decides,
 * the header writers describe the decision and the rejection responses answer a
 * rejected request.
 * <p>
 * It is registered for the {@code REQUEST} dispatch only, which happens once per
 * request: forwards, includes, error pages and async dispatches never pass through
 * it, so it needs no request attribute to remember that it ran.
 */
public final class RateLimitFilter implements Filter {

	private static final Log logger = LogFactory.getLog(RateLimitFilter.class);

	private final LimitRequestFactory limits;

	private final RateLimiter limiter;

	private final RateLimitHeaderWriter[] headerWriters;

	private final ResponseHeaderAccess headerAccess;

	private final RejectionResponse rejection;

	private final RejectionResponse storeFailureRejection;

	private final RejectionCorsHeaders rejectionCors;

	/**
	 * Create a new filter that writes headers through the Servlet API.
	 * @param limits which limits apply to a request
	 * @param limiter the decision
	 * @param headerWriters the headers to write
	 * @param rejection the response to a request over its limit
	 * @param storeFailureRejection the response to a request refused because the
	 * store failed and the failure policy denies
	 */
	public RateLimitFilter(LimitRequestFactory limits, RateLimiter limiter, List<RateLimitHeaderWriter> headerWriters,
			RejectionResponse rejection, RejectionResponse storeFailureRejection) {
		this(limits, limiter, headerWriters, ResponseHeaderAccess.servlet(), rejection, storeFailureRejection);
	}

	/**
	 * Create a new filter.
	 * @param limits which limits apply to a request
	 * @param limiter the decision
	 * @param headerWriters the headers to write
	 * @param headerAccess how the headers reach the response
	 * @param rejection the response to a request over its limit
	 * @param storeFailureRejection the response to a request refused because the
	 * store failed and the failure policy denies
	 */
	public RateLimitFilter(LimitRequestFactory limits, RateLimiter limiter, List<RateLimitHeaderWriter> headerWriters,
			ResponseHeaderAccess headerAccess, RejectionResponse rejection, RejectionResponse storeFailureRejection) {
		this(limits, limiter, headerWriters, headerAccess, rejection, storeFailureRejection,
				RejectionCorsHeaders.none());
	}

	/**
	 * Create a new filter.
	 * @param limits which limits apply to a request
	 * @param limiter the decision
	 * @param headerWriters the headers to write
	 * @param headerAccess how the headers reach the response
	 * @param rejection the response to a request over its limit
	 * @param storeFailureRejection the response to a request refused because the
	 * store failed and the failure policy denies
	 * @param rejectionCors the CORS headers of a rejected cross-origin request
	 */
	public RateLimitFilter(LimitRequestFactory limits, RateLimiter limiter, List<RateLimitHeaderWriter> headerWriters,
			ResponseHeaderAccess headerAccess, RejectionResponse rejection, RejectionResponse storeFailureRejection,
			RejectionCorsHeaders rejectionCors) {
		this.limits = limits;
		this.limiter = limiter;
		this.headerWriters = headerWriters.toArray(RateLimitHeaderWriter[]::new);
		this.headerAccess = headerAccess;
		this.rejection = rejection;
		this.storeFailureRejection = storeFailureRejection;
		this.rejectionCors = rejectionCors;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (request instanceof HttpServletRequest httpRequest && response instanceof HttpServletResponse httpResponse) {
			doFilter(httpRequest, httpResponse, chain);
		}
		else {
			chain.doFilter(request, response);
		}
	}

	private void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
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
		if (this.headerWriters.length > 0) {
			ResponseHeaders headers = this.headerAccess.of(response);
			for (RateLimitHeaderWriter writer : this.headerWriters) {
				writer.write(headers, decision);
			}
		}
		LimitOutcome violated = decision.getViolated();
		if (violated != null) {
			if (logger.isDebugEnabled()) {
				logger.debug(rejection(request, violated, applicable));
			}
			this.rejectionCors.addTo(request, response);
			(violated.hasBucket() ? this.rejection : this.storeFailureRejection).write(response, violated);
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * Why a request was turned away, naming its key as the store holds it: a credential
	 * only as its hash.
	 */
	private static String rejection(HttpServletRequest request, LimitOutcome violated, List<LimitRequest> applicable) {
		String key = applicable.stream()
			.filter((limit) -> limit.rule() == violated.rule())
			.map(LimitRequest::key)
			.findFirst()
			.orElse("?");
		String why = violated.hasBucket()
				? "is exhausted, retry after " + RateLimitHeaders.ceilSeconds(violated.nanosToRetry()) + " s"
				: "could not be checked: the store failed and its policy denies";
		return "Rejected " + request.getMethod() + " " + request.getRequestURI() + ": limit '"
				+ violated.rule().getName() + "' for key " + key + " " + why;
	}

}
