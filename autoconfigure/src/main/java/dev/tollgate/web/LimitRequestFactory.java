package dev.tollgate.web;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import dev.tollgate.limiter.LimitRequest;
import dev.tollgate.plan.PlanCache;
import dev.tollgate.plan.PlanCache.ResolvedPlan;
import dev.tollgate.rule.Plan;
import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.rule.RateLimitRules;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Works out which limits apply to a request and how: the rules matching its path (as
 * Spring MVC parses and routes it), its key under each, and the plan of that key for
 * limits with plans. A limit on which the key's plan is unlimited does not apply.
 */
public final class LimitRequestFactory {

	private final RateLimitRules rules;

	private final @Nullable PlanCache planCache;

	/**
	 * Create a new factory.
	 * @param rules the rules
	 * @param planCache the plans of keys, or {@code null} when no limit has plans
	 */
	public LimitRequestFactory(RateLimitRules rules, @Nullable PlanCache planCache) {
		this.rules = rules;
		this.planCache = planCache;
	}

	/**
	 * The limits that apply to a request.
	 * @param request the request
	 * @return the limits, empty when none applies
	 * @throws IllegalArgumentException if the path cannot be parsed
	 */
	public List<LimitRequest> limitsFor(HttpServletRequest request) {
		List<RateLimitRule> applicable = this.rules.applicableTo(pathWithinApplication(request), request.getMethod());
		if (applicable.isEmpty()) {
			return List.of();
		}
		List<LimitRequest> limits = new ArrayList<>(applicable.size());
		for (RateLimitRule rule : applicable) {
			String key = rule.getKeyResolver().resolveKey(request);
			if (!rule.hasPlans() || this.planCache == null) {
				limits.add(LimitRequest.of(rule, key));
				continue;
			}
			ResolvedPlan resolved = this.planCache.get(rule.getPlanResolver(), key, request);
			Plan plan = rule.plan(resolved.plan());
			if (!plan.isUnlimited()) {
				long version = Math.max(plan.getBandwidths().version(), resolved.resolvedAtMillis());
				limits.add(new LimitRequest(rule, key, plan, version, true));
			}
		}
		return limits;
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
