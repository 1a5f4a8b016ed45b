package dev.tollgate.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tollgate.key.ClientIpKeyResolver;
import dev.tollgate.key.ForwardedHeader;
import dev.tollgate.key.KeyHasher;
import dev.tollgate.key.KeyResolvers;
import dev.tollgate.key.MissingKeyPolicy;
import dev.tollgate.limiter.LimitRequest;
import dev.tollgate.limiter.RateLimitDecision;
import dev.tollgate.limiter.RateLimiter;
import dev.tollgate.rule.PathPatternRoute;
import dev.tollgate.rule.Rate;
import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.rule.RateLimitRules;
import dev.tollgate.rule.Refill;
import dev.tollgate.store.BucketStore;
import dev.tollgate.web.Draft11HeaderWriter;
import dev.tollgate.web.Draft6HeaderWriter;
import dev.tollgate.web.LimitRequestFactory;
import dev.tollgate.web.RateLimitHeaderWriter;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The request path of the filter without HTTP: matching the rules, resolving keys,
 * consuming from the buckets and writing the header values.
 */
final class DecisionPath {

	private final LimitRequestFactory limits;

	private final RateLimiter limiter;

	private final RateLimitHeaderWriter headers;

	DecisionPath(List<RateLimitRule> rules, BucketStore store, RateLimitHeaderWriter headers) {
		this.limits = new LimitRequestFactory(new RateLimitRules(rules, null, List.of()), null);
		this.limiter = new RateLimiter(store);
		this.headers = headers;
	}

	/**
	 * One request through the decision path.
	 * @return the decision
	 */
	RateLimitDecision decide(MockHttpServletRequest request, HttpServletResponse response) {
		List<LimitRequest> applicable = this.limits.limitsFor(request);
		RateLimitDecision decision = this.limiter.consume(applicable);
		this.headers.write(response::setHeader, decision);
		return decision;
	}

	static KeyResolvers keyResolvers() {
		return new KeyResolvers(new ClientIpKeyResolver(List.of(), ForwardedHeader.X_FORWARDED_FOR, 64),
				new KeyHasher(), Map.of(), MissingKeyPolicy.CLIENT_IP);
	}

	static RateLimitRule rule(String name, String rate, String path, String key) {
		return RateLimitRule.builder(name)
			.route(new PathPatternRoute(List.of(PathPatternParser.defaultInstance.parse(path)), Set.of()))
			.rates(List.of(Rate.parse(rate)))
			.refill(Refill.INTERVAL)
			.key(key, keyResolvers().forKey(key))
			.build();
	}

	static RateLimitHeaderWriter draft6() {
		return new Draft6HeaderWriter();
	}

	static RateLimitHeaderWriter draft11() {
		return new Draft11HeaderWriter();
	}

	static MockHttpServletRequest request(String path, String remoteAddress) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		request.setRemoteAddr(remoteAddress);
		return request;
	}

	/**
	 * A response that keeps only the last header value: Tollgate's header values are
	 * computed as in production, without a test double's own header bookkeeping.
	 */
	static HttpServletResponse response() {
		return new HttpServletResponseWrapper(new MockHttpServletResponse()) {

			private String lastHeader;

			@Override
			public void setHeader(String name, String value) {
				this.lastHeader = value;
			}

			@Override
			public void addHeader(String name, String value) {
				this.lastHeader = value;
			}

			@Override
			public String toString() {
				return this.lastHeader;
			}

		};
	}

}
