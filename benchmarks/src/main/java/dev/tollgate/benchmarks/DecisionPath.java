package dev.tollgate.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tollgate.key.ClientIpKeyResolver;
import dev.tollgate.key.ForwardedHeader;
import dev.tollgate.key.KeyHasher;
import dev.tollgate.key.KeyResolvers;
import dev.tollgate.key.MissingKeyPolicy;
import dev.tollgate.key.SipHashKeyHasher;
import dev.tollgate.limiter.LimitRequest;
import dev.tollgate.limiter.RateLimitDecision;
import dev.tollgate.limiter.RateLimiter;
import dev.tollgate.rule.PathPatternRoute;
import dev.tollgate.rule.Rate;
import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.rule.RateLimitRules;
import dev.tollgate.rule.Refill;
import dev.tollgate.store.BucketStore;
import dev.tollgate.web.Draft6HeaderWriter;
import dev.tollgate.web.LimitRequestFactory;
import dev.tollgate.web.RateLimitHeaderWriter;
import dev.tollgate.web.ResponseHeaders;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The request path of the filter without HTTP: matching the rules, resolving keys,
 * consuming from the buckets and writing the header values.
 */
final class DecisionPath {

	/** A rate large enough never to run out at a few requests per microsecond. */
	static final String UNLIMITED = "60000/1ms";

	private final RateLimitRules rules;

	private final LimitRequestFactory limits;

	private final RateLimiter limiter;

	private final RateLimitHeaderWriter headers;

	DecisionPath(List<RateLimitRule> rules, BucketStore store, RateLimitHeaderWriter headers) {
		this.rules = new RateLimitRules(rules, null, List.of());
		this.limits = new LimitRequestFactory(this.rules, null);
		this.limiter = new RateLimiter(store);
		this.headers = headers;
	}

	/** The rules, for meters of the same limits. */
	RateLimitRules rules() {
		return this.rules;
	}

	/** Which limits apply: the first part of {@link #decide}, to time alone. */
	LimitRequestFactory limits() {
		return this.limits;
	}

	/** The consumption: the second part of {@link #decide}, to time alone. */
	RateLimiter limiter() {
		return this.limiter;
	}

	/**
	 * One request through the decision path.
	 * @return the decision
	 */
	RateLimitDecision decide(MockHttpServletRequest request, ResponseHeaders response) {
		List<LimitRequest> applicable = this.limits.limitsFor(request);
		RateLimitDecision decision = this.limiter.consume(applicable);
		this.headers.write(response, decision);
		return decision;
	}

	/**
	 * Key resolvers hashing credentials with the given hasher.
	 * @param hasher as for the in-memory store, a {@link SipHashKeyHasher}
	 */
	static KeyResolvers keyResolvers(KeyHasher hasher) {
		return new KeyResolvers(new ClientIpKeyResolver(List.of(), ForwardedHeader.X_FORWARDED_FOR, 64), hasher,
				Map.of(), MissingKeyPolicy.CLIENT_IP);
	}

	/** A limit whose credentials are hashed as for the in-memory store. */
	static RateLimitRule rule(String name, String rate, String path, String key) {
		return rule(name, rate, path, key, keyResolvers(new SipHashKeyHasher()));
	}

	static RateLimitRule rule(String name, String rate, String path, String key, KeyResolvers keyResolvers) {
		return RateLimitRule.builder(name)
			.route(new PathPatternRoute(List.of(PathPatternParser.defaultInstance.parse(path)), Set.of()))
			.rates(List.of(Rate.parse(rate)))
			.refill(Refill.INTERVAL)
			.key(key, keyResolvers.forKey(key))
			.build();
	}

	static RateLimitHeaderWriter draft6() {
		return new Draft6HeaderWriter();
	}

	static MockHttpServletRequest request(String path, String remoteAddress) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		request.setRemoteAddr(remoteAddress);
		return request;
	}

	/**
	 * Headers that keep only the last value: Tollgate's header values are computed as
	 * in production, numbers left as numbers as on Tomcat, without a test double's own
	 * header bookkeeping.
	 */
	static ResponseHeaders headers() {
		return new ResponseHeaders() {

			private String lastText;

			private long lastNumber;

			@Override
			public void set(String name, String value) {
				this.lastText = value;
			}

			@Override
			public void set(String name, long value) {
				this.lastNumber = value;
			}

			@Override
			public String toString() {
				return this.lastText + " " + this.lastNumber;
			}

		};
	}

	/**
	 * Distinct IPv4 addresses, as the client IP resolver reports them.
	 * @param count how many
	 * @return {@code 10.0.0.0}, {@code 10.0.0.1} and so on
	 */
	static String[] addresses(int count) {
		String[] addresses = new String[count];
		for (int i = 0; i < count; i++) {
			addresses[i] = "10." + ((i >> 16) & 255) + "." + ((i >> 8) & 255) + "." + (i & 255);
		}
		return addresses;
	}

}
