package dev.tollgate.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tollgate.key.ForwardedHeader;
import dev.tollgate.key.MissingKeyPolicy;
import dev.tollgate.limiter.OnStoreFailure;
import dev.tollgate.rule.LimitMode;
import dev.tollgate.rule.Refill;
import dev.tollgate.store.StoreType;
import dev.tollgate.web.HeaderStyle;
import dev.tollgate.web.RejectionResponse;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for Tollgate rate limiting.
 */
@ConfigurationProperties(prefix = "tollgate", ignoreUnknownFields = false)
public class TollgateProperties {

	/**
	 * Whether to enable rate limiting.
	 */
	private boolean enabled = true;

	/**
	 * Named limits. Every limit whose paths and methods match a request applies to it.
	 */
	private Map<String, Limit> limits = new LinkedHashMap<>();

	/**
	 * Limit applied only to requests that no named limit matches. Its paths default to
	 * every path.
	 */
	private Limit defaultLimit;

	/**
	 * Routes that are never limited and get no rate-limit headers, as path patterns
	 * optionally preceded by an HTTP method, such as "GET /.well-known/jwks.json".
	 */
	private List<String> exempt = new ArrayList<>();

	/**
	 * How requests whose key cannot be resolved are counted: by their client IP
	 * address, or all in one shared bucket.
	 */
	private MissingKeyPolicy missingKey = MissingKeyPolicy.CLIENT_IP;

	private final ClientIp clientIp = new ClientIp();

	private final Headers headers = new Headers();

	private final Rejection rejection = new Rejection();

	private final Store store = new Store();

	private final Filter filter = new Filter();

	private final Client client = new Client();

	private final Plans plans = new Plans();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Map<String, Limit> getLimits() {
		return this.limits;
	}

	public void setLimits(Map<String, Limit> limits) {
		this.limits = limits;
	}

	public Limit getDefaultLimit() {
		return this.defaultLimit;
	}

	public void setDefaultLimit(Limit defaultLimit) {
		this.defaultLimit = defaultLimit;
	}

	public List<String> getExempt() {
		return this.exempt;
	}

	public void setExempt(List<String> exempt) {
		this.exempt = exempt;
	}

	public MissingKeyPolicy getMissingKey() {
		return this.missingKey;
	}

	public void setMissingKey(MissingKeyPolicy missingKey) {
		this.missingKey = missingKey;
	}

	public ClientIp getClientIp() {
		return this.clientIp;
	}

	public Headers getHeaders() {
		return this.headers;
	}

	public Rejection getRejection() {
		return this.rejection;
	}

	public Store getStore() {
		return this.store;
	}

	public Filter getFilter() {
		return this.filter;
	}

	public Client getClient() {
		return this.client;
	}

	public Plans getPlans() {
		return this.plans;
	}

	/**
	 * How the plans of keys are remembered.
	 */
	public static class Plans {

		/**
		 * How long a key's resolved plan is remembered before it is resolved again.
		 */
		private Duration cacheTtl = Duration.ofMinutes(5);

		public Duration getCacheTtl() {
			return this.cacheTtl;
		}

		public void setCacheTtl(Duration cacheTtl) {
			this.cacheTtl = cacheTtl;
		}

	}

	/**
	 * One limit. Settings left out take their defaults, or, for a limit declared with
	 * {@code @RateLimit}, the annotation's values.
	 */
	public static class Limit extends Rates {

		/**
		 * Whether this limit applies. Defaults to true.
		 */
		private Boolean enabled;

		/**
		 * Path patterns the limit applies to, in Spring's PathPattern syntax, such as
		 * "/v1/**" or "/orders/{id}". Not allowed for a limit declared with @RateLimit,
		 * whose routes come from its handler mapping.
		 */
		private List<String> paths = new ArrayList<>();

		/**
		 * HTTP methods the limit applies to; all methods when empty. GET also covers
		 * HEAD.
		 */
		private List<String> methods = new ArrayList<>();

		/**
		 * Who is counted: "ip", "header:<Name>", "principal", or the name of a
		 * RateLimitKeyResolver bean. Defaults to "ip".
		 */
		private String key;

		/**
		 * Tokens each request takes. Defaults to 1.
		 */
		private Long cost;

		/**
		 * How tokens come back: all at once at the end of each period, or greedily one
		 * by one. Defaults to interval.
		 */
		private Refill refill;

		/**
		 * Whether to reject requests once exhausted, or only count them and send
		 * headers. Defaults to enforce.
		 */
		private LimitMode mode;

		/**
		 * Plans by name, each with its own rates; requests with no known plan get the
		 * limit's own rate.
		 */
		private Map<String, PlanLimit> plans = new LinkedHashMap<>();

		/**
		 * Who decides the plan of a request: "header:<Name>", "principal:<attribute>",
		 * or the name of a RateLimitPlanResolver bean. Defaults to the application's
		 * only RateLimitPlanResolver bean.
		 */
		private String planResolver;

		public Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(Boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getPaths() {
			return this.paths;
		}

		public void setPaths(List<String> paths) {
			this.paths = paths;
		}

		public List<String> getMethods() {
			return this.methods;
		}

		public void setMethods(List<String> methods) {
			this.methods = methods;
		}

		public String getKey() {
			return this.key;
		}

		public void setKey(String key) {
			this.key = key;
		}

		public Long getCost() {
			return this.cost;
		}

		public void setCost(Long cost) {
			this.cost = cost;
		}

		public Refill getRefill() {
			return this.refill;
		}

		public void setRefill(Refill refill) {
			this.refill = refill;
		}

		public LimitMode getMode() {
			return this.mode;
		}

		public void setMode(LimitMode mode) {
			this.mode = mode;
		}

		public Map<String, PlanLimit> getPlans() {
			return this.plans;
		}

		public void setPlans(Map<String, PlanLimit> plans) {
			this.plans = plans;
		}

		public String getPlanResolver() {
			return this.planResolver;
		}

		public void setPlanResolver(String planResolver) {
			this.planResolver = planResolver;
		}

	}

	/**
	 * One plan of a limit.
	 */
	public static class PlanLimit extends Rates {

		/**
		 * Whether requests on this plan are not limited at all.
		 */
		private boolean unlimited;

		public boolean isUnlimited() {
			return this.unlimited;
		}

		public void setUnlimited(boolean unlimited) {
			this.unlimited = unlimited;
		}

	}

	/**
	 * The rates of a limit or of a plan.
	 */
	public static class Rates {

		/**
		 * Allowed requests per period in compact form, such as "200/1m"; several
		 * bandwidths apply together, such as "10/1s, 1000/1h".
		 */
		private List<String> rate = new ArrayList<>();

		/**
		 * Bandwidths given as capacity and period, in addition to "rate".
		 */
		private List<Bandwidth> bandwidths = new ArrayList<>();

		public List<String> getRate() {
			return this.rate;
		}

		public void setRate(List<String> rate) {
			this.rate = rate;
		}

		public List<Bandwidth> getBandwidths() {
			return this.bandwidths;
		}

		public void setBandwidths(List<Bandwidth> bandwidths) {
			this.bandwidths = bandwidths;
		}

	}

	/**
	 * One bandwidth given explicitly.
	 */
	public static class Bandwidth {

		/**
		 * Maximum number of tokens, and number of tokens that come back each period.
		 */
		private long capacity;

		/**
		 * Period over which the capacity comes back.
		 */
		private Duration period;

		public long getCapacity() {
			return this.capacity;
		}

		public void setCapacity(long capacity) {
			this.capacity = capacity;
		}

		public Duration getPeriod() {
			return this.period;
		}

		public void setPeriod(Duration period) {
			this.period = period;
		}

	}

	/**
	 * How the client IP address is found.
	 */
	public static class ClientIp {

		/**
		 * Proxies, as CIDR ranges, whose forwarding header is believed. Empty means the
		 * connection's remote address is always the client.
		 */
		private List<String> trustedProxies = new ArrayList<>();

		/**
		 * Forwarding header that the trusted proxies set. Only this one is read.
		 */
		private ForwardedHeader forwardedHeader = ForwardedHeader.X_FORWARDED_FOR;

		/**
		 * Number of leading bits that identify one IPv6 client; addresses within one
		 * prefix share a bucket.
		 */
		private int ipv6PrefixLength = 64;

		public List<String> getTrustedProxies() {
			return this.trustedProxies;
		}

		public void setTrustedProxies(List<String> trustedProxies) {
			this.trustedProxies = trustedProxies;
		}

		public ForwardedHeader getForwardedHeader() {
			return this.forwardedHeader;
		}

		public void setForwardedHeader(ForwardedHeader forwardedHeader) {
			this.forwardedHeader = forwardedHeader;
		}

		public int getIpv6PrefixLength() {
			return this.ipv6PrefixLength;
		}

		public void setIpv6PrefixLength(int ipv6PrefixLength) {
			this.ipv6PrefixLength = ipv6PrefixLength;
		}

	}

	/**
	 * Rate-limit response headers.
	 */
	public static class Headers {

		/**
		 * Header styles to write; several may be combined.
		 */
		private List<HeaderStyle> style = new ArrayList<>(List.of(HeaderStyle.DRAFT_11));

		/**
		 * Whether, on embedded Tomcat, the headers are written into the response as
		 * bytes rather than as strings through the Servlet API, which Tomcat encodes
		 * again for every response, and header keys are read from the request's bytes
		 * rather than decoded into strings first. The headers and keys are the same
		 * either way.
		 */
		private boolean tomcatDirect = true;

		public List<HeaderStyle> getStyle() {
			return this.style;
		}

		public void setStyle(List<HeaderStyle> style) {
			this.style = style;
		}

		public boolean isTomcatDirect() {
			return this.tomcatDirect;
		}

		public void setTomcatDirect(boolean tomcatDirect) {
			this.tomcatDirect = tomcatDirect;
		}

	}

	/**
	 * The response to a rejected request.
	 */
	public static class Rejection {

		/**
		 * HTTP status of a rejected request.
		 */
		private int status = 429;

		/**
		 * Content type of the body; always encoded in UTF-8.
		 */
		private String contentType = RejectionResponse.PROBLEM_CONTENT_TYPE;

		/**
		 * Body template, with the placeholders {limit}, {retry-after} and {status}.
		 * Defaults to RFC 9457 problem details.
		 */
		private String body = RejectionResponse.PROBLEM_TEMPLATE;

		public int getStatus() {
			return this.status;
		}

		public void setStatus(int status) {
			this.status = status;
		}

		public String getContentType() {
			return this.contentType;
		}

		public void setContentType(String contentType) {
			this.contentType = contentType;
		}

		public String getBody() {
			return this.body;
		}

		public void setBody(String body) {
			this.body = body;
		}

	}

	/**
	 * Where buckets are kept.
	 */
	public static class Store {

		/**
		 * Where buckets are kept: in memory on this instance, or in Redis, shared by
		 * every instance.
		 */
		private StoreType type = StoreType.IN_MEMORY;

		/**
		 * Maximum number of keys tracked in memory for each limit (also bounds the local
		 * fallback of the Redis store, and the bucket states the Redis store remembers to
		 * save reads, across all limits). Beyond it, the keys least likely to be used
		 * again are forgotten.
		 */
		private long maximumKeys = 100_000;

		/**
		 * What a request gets when the Redis store cannot be asked: "local" counts it in
		 * this instance's own buckets, "allow" lets it through, "deny" rejects it.
		 */
		private OnStoreFailure onFailure = OnStoreFailure.LOCAL;

		/**
		 * HTTP status of requests rejected because the store failed, with on-failure
		 * set to deny.
		 */
		private int failureStatus = 503;

		private final Redis redis = new Redis();

		private final CircuitBreaker circuitBreaker = new CircuitBreaker();

		public StoreType getType() {
			return this.type;
		}

		public void setType(StoreType type) {
			this.type = type;
		}

		public long getMaximumKeys() {
			return this.maximumKeys;
		}

		public void setMaximumKeys(long maximumKeys) {
			this.maximumKeys = maximumKeys;
		}

		public OnStoreFailure getOnFailure() {
			return this.onFailure;
		}

		public void setOnFailure(OnStoreFailure onFailure) {
			this.onFailure = onFailure;
		}

		public int getFailureStatus() {
			return this.failureStatus;
		}

		public void setFailureStatus(int failureStatus) {
			this.failureStatus = failureStatus;
		}

		public Redis getRedis() {
			return this.redis;
		}

		public CircuitBreaker getCircuitBreaker() {
			return this.circuitBreaker;
		}

	}

	/**
	 * The Redis store. The connection itself comes from "spring.data.redis.*".
	 */
	public static class Redis {

		/**
		 * First part of every Redis key, followed by the limit's name and the key.
		 */
		private String keyPrefix = "tollgate";

		/**
		 * Longest a request waits for Redis, connecting included, before the failure
		 * policy answers it.
		 */
		private Duration timeout = Duration.ofMillis(250);

		/**
		 * Bucket4j optimization trading accuracy for fewer round trips.
		 */
		private RedisOptimization optimization = RedisOptimization.NONE;

		/**
		 * Tokens a bucket may consume locally before synchronizing with Redis, with the
		 * delaying optimization.
		 */
		private long delayTokens = 10;

		/**
		 * Longest a bucket may go without synchronizing with Redis, with the delaying
		 * optimization.
		 */
		private Duration delayTimeout = Duration.ofSeconds(1);

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public RedisOptimization getOptimization() {
			return this.optimization;
		}

		public void setOptimization(RedisOptimization optimization) {
			this.optimization = optimization;
		}

		public long getDelayTokens() {
			return this.delayTokens;
		}

		public void setDelayTokens(long delayTokens) {
			this.delayTokens = delayTokens;
		}

		public Duration getDelayTimeout() {
			return this.delayTimeout;
		}

		public void setDelayTimeout(Duration delayTimeout) {
			this.delayTimeout = delayTimeout;
		}

	}

	/**
	 * The circuit breaker in front of a store that can fail (Redis, or a BucketStore of
	 * the application's own).
	 */
	public static class CircuitBreaker {

		/**
		 * Percentage of failed store calls, over the sliding window, that opens the
		 * circuit.
		 */
		private float failureRateThreshold = 50;

		/**
		 * Number of store calls the failure rate is computed over.
		 */
		private int slidingWindow = 20;

		/**
		 * Minimum number of store calls before the failure rate is computed.
		 */
		private int minimumCalls = 5;

		/**
		 * How long the store is skipped once the circuit opens, before a few calls test
		 * whether it is back.
		 */
		private Duration openDuration = Duration.ofSeconds(10);

		public float getFailureRateThreshold() {
			return this.failureRateThreshold;
		}

		public void setFailureRateThreshold(float failureRateThreshold) {
			this.failureRateThreshold = failureRateThreshold;
		}

		public int getSlidingWindow() {
			return this.slidingWindow;
		}

		public void setSlidingWindow(int slidingWindow) {
			this.slidingWindow = slidingWindow;
		}

		public int getMinimumCalls() {
			return this.minimumCalls;
		}

		public void setMinimumCalls(int minimumCalls) {
			this.minimumCalls = minimumCalls;
		}

		public Duration getOpenDuration() {
			return this.openDuration;
		}

		public void setOpenDuration(Duration openDuration) {
			this.openDuration = openDuration;
		}

	}

	/**
	 * The servlet filter.
	 */
	public static class Filter {

		/**
		 * Order of the rate-limit filter. The default runs just after Spring Security's
		 * filter chain (-100), so that "principal" keys see the authenticated user; set
		 * it below -100 to limit requests before authentication.
		 */
		private int order = -90;

		public int getOrder() {
			return this.order;
		}

		public void setOrder(int order) {
			this.order = order;
		}

	}

	/**
	 * The client side: reading rate-limit headers and retrying 429 responses in
	 * RestClient and RestTemplate.
	 */
	public static class Client {

		/**
		 * Whether to add the rate-limit retry interceptor to RestClient.Builder and
		 * RestTemplateBuilder.
		 */
		private boolean enabled;

		/**
		 * Most attempts per request, the first included.
		 */
		private int maxAttempts = 3;

		/**
		 * Most time spent waiting across the retries of one request.
		 */
		private Duration maxTotalWait = Duration.ofSeconds(30);

		/**
		 * Backoff cap of the first retry, doubled at each retry; the wait is a random
		 * duration up to the cap, and never less than Retry-After.
		 */
		private Duration baseBackoff = Duration.ofMillis(500);

		/**
		 * Largest backoff cap.
		 */
		private Duration maxBackoff = Duration.ofSeconds(10);

		/**
		 * Whether to retry non-idempotent methods (POST, PATCH) too.
		 */
		private boolean retryNonIdempotent;

		/**
		 * Whether to wait before sending when the last response from the same host
		 * said no request is left and the reset is near.
		 */
		private boolean proactive;

		/**
		 * Longest wait before sending in proactive mode.
		 */
		private Duration proactiveMaxWait = Duration.ofSeconds(5);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getMaxTotalWait() {
			return this.maxTotalWait;
		}

		public void setMaxTotalWait(Duration maxTotalWait) {
			this.maxTotalWait = maxTotalWait;
		}

		public Duration getBaseBackoff() {
			return this.baseBackoff;
		}

		public void setBaseBackoff(Duration baseBackoff) {
			this.baseBackoff = baseBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public boolean isRetryNonIdempotent() {
			return this.retryNonIdempotent;
		}

		public void setRetryNonIdempotent(boolean retryNonIdempotent) {
			this.retryNonIdempotent = retryNonIdempotent;
		}

		public boolean isProactive() {
			return this.proactive;
		}

		public void setProactive(boolean proactive) {
			this.proactive = proactive;
		}

		public Duration getProactiveMaxWait() {
			return this.proactiveMaxWait;
		}

		public void setProactiveMaxWait(Duration proactiveMaxWait) {
			this.proactiveMaxWait = proactiveMaxWait;
		}

	}

}
