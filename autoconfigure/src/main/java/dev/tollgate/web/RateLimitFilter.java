package dev.tollgate.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.tollgate.limiter.LimitOutcome;
import dev.tollgate.limiter.RateLimitDecision;
import dev.tollgate.limiter.RateLimiter;
import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.rule.RateLimitRules;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Applies the rate limits to each request. It only combines its collaborators: the
 * rules say which limits apply (on the path Spring MVC parses and routes on), each
 * limit's key resolver says who is asking, the limiter decides, the header writers
 * describe the decision and the rejection response answers a rejected request.
 */
public final class RateLimitFilter extends OncePerRequestFilter {

	private final RateLimitRules rules;

	private final RateLimiter limiter;

	private final List<RateLimitHeaderWriter> headerWriters;

	private final RejectionResponse rejection;

	private final RejectionResponse storeFailureRejection;

	public RateLimitFilter(RateLimitRules rules, RateLimiter limiter, List<RateLimitHeaderWriter> headerWriters,
			RejectionResponse rejection) {
		this(rules, limiter, headerWriters, rejection, rejection);
	}

	/**
	 * Create a new filter.
	 * @param rules which limits apply
	 * @param limiter the decision
	 * @param headerWriters the headers to write
	 * @param rejection the response to a request over its limit
	 * @param storeFailureRejection the response to a request refused because the
	 * store failed and the failure policy denies
	 */
	public RateLimitFilter(RateLimitRules rules, RateLimiter limiter, List<RateLimitHeaderWriter> headerWriters,
			RejectionResponse rejection, RejectionResponse storeFailureRejection) {
		this.rules = rules;
		this.limiter = limiter;
		this.headerWriters = List.copyOf(headerWriters);
		this.rejection = rejection;
		this.storeFailureRejection = storeFailureRejection;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		PathContainer path;
		try {
			path = pathWithinApplication(request);
		}
		catch (IllegalArgumentException ex) {
			// Spring MVC could not route this path either; answer it without a handler
			response.sendError(HttpServletResponse.SC_BAD_REQUEST);
			return;
		}
		List<RateLimitRule> applicable = this.rules.applicableTo(path, request.getMethod());
		if (applicable.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		List<String> keys = new ArrayList<>(applicable.size());
		for (RateLimitRule rule : applicable) {
			keys.add(rule.getKeyResolver().resolveKey(request));
		}
		RateLimitDecision decision = this.limiter.consume(applicable, keys);
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

	/**
	 * The path as the DispatcherServlet parses it: from the raw request URI, without
	 * the context path, with {@code ;} parameters set apart and each segment decoded
	 * for matching. The parsed path is left as it was found.
	 */
	private static PathContainer pathWithinApplication(HttpServletRequest request) {
		if (ServletRequestPathUtils.hasParsedRequestPath(request)) {
			return ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication();
		}
		RequestPath path = ServletRequestPathUtils.parseAndCache(request);
		ServletRequestPathUtils.clearParsedRequestPath(request);
		return path.pathWithinApplication();
	}

}
