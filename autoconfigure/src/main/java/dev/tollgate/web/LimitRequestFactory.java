package dev.tollgate.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;

import dev.tollgate.limiter.LimitRequest;
import dev.tollgate.plan.PlanCache;
import dev.tollgate.plan.PlanCache.ResolvedPlan;
import dev.tollgate.rule.ApplicableLimits;
import dev.tollgate.rule.Plan;
import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.rule.RateLimitRules;

import org.springframework.http.server.PathContainer;
import org.springframework.web.cors.CorsUtils;

/**
 * Works out which limits apply to a request and how: the rules matching its path (as
 * Spring MVC parses and routes it) and, on the few paths where it decides, the handler
 * Spring MVC chooses; its key under each; and the plan of that key for limits with plans.
 * A limit on which the key's plan is unlimited does not apply, and none applies to a
 * CORS preflight request.
 */
public final class LimitRequestFactory {

	/**
	 * Characters of URIs remembered per HTTP method: bounded by size, not count, so
	 * that long hostile URIs cannot grow it (about 0.5 MB per method at most).
	 */
	private static final long ROUTE_CACHE_CHARACTERS = 256 * 1024;

	/** URIs longer than this are matched every time, never remembered. */
	private static final int LONGEST_CACHED_URI = 512;

	private static final List<String> CACHED_METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
			"OPTIONS");

	private final RateLimitRules rules;

	private final @Nullable PlanCache planCache;

	private final LookupPath lookupPath;

	private final HandlerLookup handlerLookup;

	private final List<Cache<String, RoutesAt>> routeCaches;

	private final WrapperMethod getContextPath = new WrapperMethod(HttpServletRequestWrapper.class, "getContextPath");

	/**
	 * Create a new factory.
	 * @param rules the rules
	 * @param planCache the plans of keys, or {@code null} when no limit has plans
	 */
	public LimitRequestFactory(RateLimitRules rules, @Nullable PlanCache planCache) {
		this(rules, planCache, LookupPath.parsed());
	}

	/**
	 * Create a new factory that matches limits against the given path of each request.
	 * @param rules the rules
	 * @param planCache the plans of keys, or {@code null} when no limit has plans
	 * @param lookupPath the path the application's handler mappings route by
	 */
	public LimitRequestFactory(RateLimitRules rules, @Nullable PlanCache planCache, LookupPath lookupPath) {
		this(rules, planCache, lookupPath, HandlerLookup.unknown());
	}

	/**
	 * Create a new factory that matches limits against the given path of each request
	 * and, on paths where which limits apply depends on the handler, asks for it.
	 * @param rules the rules
	 * @param planCache the plans of keys, or {@code null} when no limit has plans
	 * @param lookupPath the path the application's handler mappings route by
	 * @param handlerLookup the lookup of the handler Spring MVC will choose
	 */
	public LimitRequestFactory(RateLimitRules rules, @Nullable PlanCache planCache, LookupPath lookupPath,
			HandlerLookup handlerLookup) {
		this.rules = rules;
		this.planCache = planCache;
		this.lookupPath = lookupPath;
		this.handlerLookup = handlerLookup;
		this.routeCaches = CACHED_METHODS.stream()
			.map((method) -> Caffeine.newBuilder()
				.maximumWeight(ROUTE_CACHE_CHARACTERS)
				.weigher((String uri, RoutesAt routes) -> uri.length() + routes.characters())
				.executor(Runnable::run)
				.<String, RoutesAt>build())
			.toList();
	}

	/**
	 * The limits that apply to a request.
	 * @param request the request
	 * @return the limits, empty when none applies (always for a CORS preflight request)
	 * @throws IllegalArgumentException if the path cannot be parsed
	 */
	public List<LimitRequest> limitsFor(HttpServletRequest request) {
		List<RateLimitRule> applicable = applicableTo(request);
		if (applicable.isEmpty()) {
			return List.of();
		}
		if (applicable.size() == 1 && !applicable.get(0).hasPlans()) {
			RateLimitRule rule = applicable.get(0);
			return List.of(LimitRequest.of(rule, rule.getKeyResolver().resolveKey(request)));
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
	 * The limits whose routes match the request, none for a CORS preflight request.
	 * Where the handler Spring MVC chooses decides it (a path that handlers told apart by
	 * more than path and method share), the handler is looked up.
	 */
	private List<RateLimitRule> applicableTo(HttpServletRequest request) {
		if (CorsUtils.isPreFlightRequest(request)) {
			// a browser asking whether it may send a request: Spring MVC answers it without a
			// handler, and a 429 here would reach the page as an unreadable CORS error
			return List.of();
		}
		ApplicableLimits applicable = routesOf(request);
		return applicable.dependsOnHandler() ? applicable.forHandler(this.handlerLookup.handlerOf(request))
				: applicable.forHandler(null);
	}

	/**
	 * The limits whose routes match the request's path and method. They depend only on
	 * the method, the request URI and the context path, so they are remembered for the
	 * standard methods in a cache bounded by the characters it holds: a repeated URI at
	 * the same context path is neither parsed nor matched again. URIs never seen, very
	 * long ones, or a flood of distinct ones are parsed and matched as usual.
	 */
	private ApplicableLimits routesOf(HttpServletRequest request) {
		String method = request.getMethod();
		int methodIndex = CACHED_METHODS.indexOf(method);
		String uri = request.getRequestURI();
		if (methodIndex < 0 || uri == null || uri.length() > LONGEST_CACHED_URI) {
			return matching(this.lookupPath.of(request), method);
		}
		String contextPath = changedContextPath(request);
		Cache<String, RoutesAt> routes = this.routeCaches.get(methodIndex);
		RoutesAt cached = routes.getIfPresent(uri);
		if (cached != null && Objects.equals(cached.changedContextPath(), contextPath)) {
			return cached.limits();
		}
		return matchAndRemember(request, method, routes, uri, contextPath);
	}

	/**
	 * The request's context path if a wrapper may have changed it, {@code null} when it
	 * is the server's. A wrapper may move part of the URI into the context path: Spring's
	 * {@code ForwardedHeaderFilter} does so with {@code X-Forwarded-Prefix}, which any
	 * client can send, and the same URI then has another path. The server's own is not
	 * asked for: Tomcat works out a context path other than the root's anew on every call.
	 */
	private @Nullable String changedContextPath(HttpServletRequest request) {
		ServletRequest current = request;
		while (current instanceof ServletRequestWrapper wrapper) {
			if (!this.getContextPath.handsOn(wrapper.getClass())) {
				return request.getContextPath();
			}
			current = wrapper.getRequest();
		}
		return null;
	}

	/** The limits matching a request not remembered yet, then remembered. */
	private ApplicableLimits matchAndRemember(HttpServletRequest request, String method,
			Cache<String, RoutesAt> routes, String uri, @Nullable String contextPath) {
		ApplicableLimits applicable = matching(this.lookupPath.of(request), method);
		if (contextPath == null || contextPath.length() <= LONGEST_CACHED_URI) {
			routes.put(uri, new RoutesAt(contextPath, applicable));
		}
		return applicable;
	}

	/**
	 * The limits matching a path, and, if it ends with a slash, those matching it without:
	 * Spring's {@code UrlHandlerFilter} may run after Tollgate and hand
	 * {@code /orders/} to the handler of {@code /orders}, so a trailing slash must not
	 * take a request out of that path's limits. Where nothing strips it, the request
	 * goes to no handler, and counting it costs only its own client. Which handler the
	 * path without it goes to is not looked up, so there its limits apply and its
	 * exemptions do not wherever the handler would decide. Where a handler of another
	 * kind than annotated controllers may take the request first (a functional or an
	 * Actuator endpoint), an annotated limit or exemption applies only if the handler is
	 * its own.
	 */
	private ApplicableLimits matching(PathContainer path, String method) {
		ApplicableLimits applicable = this.rules.applicable(path, method,
				() -> this.handlerLookup.mayBeTakenFirst(path, method));
		List<PathContainer.Element> elements = path.elements();
		int end = elements.size();
		while (end > 1 && elements.get(end - 1) instanceof PathContainer.Separator) {
			end--;
		}
		if (end == elements.size()) {
			return applicable;
		}
		return applicable.with(this.rules.applicableTo(path.subPath(0, end), method));
	}

	/**
	 * The limits that apply to a request URI at a context path: the server's
	 * ({@code null}) or one a wrapper changed.
	 */
	private record RoutesAt(@Nullable String changedContextPath, ApplicableLimits limits) {

		int characters() {
			return (this.changedContextPath != null) ? this.changedContextPath.length() : 0;
		}

	}

}
