package dev.tollgate.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Reads the rate-limit headers of every response, keeps the last
 * {@link RateLimitInfo} per target host, and retries {@code 429 Too Many Requests}
 * (and {@code 503} with {@code Retry-After}) politely: exponential backoff with full
 * jitter, never sooner than {@code Retry-After}, within a number of attempts and a
 * total wait, idempotent methods only unless configured otherwise. Usable with
 * {@code RestClient} and {@code RestTemplate}.
 */
public final class RateLimitRetryInterceptor implements ClientHttpRequestInterceptor {

	private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
			HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.TRACE);

	/** Hosts remembered at most; the oldest entries are dropped beyond it. */
	private static final int MAX_HOSTS = 1024;

	private final RetryPolicy policy;

	private final RateLimitHeaderParser parser;

	private final Clock clock;

	private final Sleeper sleeper;

	private final RandomGenerator random;

	private final Map<String, RateLimitInfo> lastInfo = new ConcurrentHashMap<>();

	public RateLimitRetryInterceptor(RetryPolicy policy) {
		this(policy, Clock.systemUTC(), Sleeper.THREAD, RandomGenerator.getDefault());
	}

	/**
	 * Create a new interceptor.
	 * @param policy how to retry
	 * @param clock the clock reset times are compared with
	 * @param sleeper how to wait
	 * @param random the source of jitter
	 */
	public RateLimitRetryInterceptor(RetryPolicy policy, Clock clock, Sleeper sleeper, RandomGenerator random) {
		this.policy = policy;
		this.parser = new RateLimitHeaderParser(clock);
		this.clock = clock;
		this.sleeper = sleeper;
		this.random = random;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		String host = host(request.getURI());
		if (this.policy.proactive()) {
			waitIfExhausted(host);
		}
		Duration waited = Duration.ZERO;
		for (int attempt = 1;; attempt++) {
			ClientHttpResponse response = execution.execute(request, body);
			RateLimitInfo info = this.parser.parse(response.getHeaders());
			if (!info.isEmpty()) {
				remember(host, info);
			}
			if (attempt >= this.policy.maxAttempts() || !isRetryable(request, response, info)) {
				return response;
			}
			Duration delay = delay(attempt, info.retryAfter());
			if (waited.plus(delay).compareTo(this.policy.maxTotalWait()) > 0) {
				return response;
			}
			response.close();
			sleep(delay);
			waited = waited.plus(delay);
		}
	}

	/**
	 * The last rate-limit information a host sent.
	 * @param host the host, with its port when not the default, such as
	 * {@code api.example.com} or {@code localhost:8080}
	 * @return what it said last, or empty
	 */
	public Optional<RateLimitInfo> lastRateLimit(String host) {
		return Optional.ofNullable(this.lastInfo.get(host));
	}

	/**
	 * The last rate-limit information the host of a URI sent.
	 * @param uri a URI on the host
	 * @return what it said last, or empty
	 */
	public Optional<RateLimitInfo> lastRateLimit(URI uri) {
		return lastRateLimit(host(uri));
	}

	private void remember(String host, RateLimitInfo info) {
		if (this.lastInfo.size() >= MAX_HOSTS && !this.lastInfo.containsKey(host)) {
			this.lastInfo.clear();
		}
		this.lastInfo.put(host, info);
	}

	private boolean isRetryable(HttpRequest request, ClientHttpResponse response, RateLimitInfo info)
			throws IOException {
		if (!this.policy.retryNonIdempotent() && !IDEMPOTENT.contains(request.getMethod())) {
			return false;
		}
		int status = response.getStatusCode().value();
		return status == HttpStatus.TOO_MANY_REQUESTS.value()
				|| (status == HttpStatus.SERVICE_UNAVAILABLE.value() && info.retryAfter().isPresent());
	}

	/**
	 * Full jitter: a random wait up to the backoff cap of this attempt, but never less
	 * than what the server asked for.
	 */
	private Duration delay(int attempt, Optional<Duration> retryAfter) {
		long baseNanos = this.policy.baseBackoff().toNanos();
		long capNanos = Math.min(this.policy.maxBackoff().toNanos(),
				(attempt >= 62) ? Long.MAX_VALUE : baseNanos << Math.min(attempt - 1, 30));
		Duration jitter = Duration.ofNanos((long) (this.random.nextDouble() * Math.max(0, capNanos)));
		return retryAfter.filter((wait) -> wait.compareTo(jitter) > 0).orElse(jitter);
	}

	private void waitIfExhausted(String host) throws IOException {
		RateLimitInfo info = this.lastInfo.get(host);
		if (info == null || !info.isExhausted() || info.reset().isEmpty()) {
			return;
		}
		Duration untilReset = Duration.between(this.clock.instant(), info.reset().get());
		if (!untilReset.isNegative() && !untilReset.isZero()
				&& untilReset.compareTo(this.policy.proactiveMaxWait()) <= 0) {
			sleep(untilReset);
		}
	}

	private void sleep(Duration duration) throws IOException {
		try {
			this.sleeper.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("Interrupted while waiting to retry a rate-limited request");
		}
	}

	private static String host(URI uri) {
		String host = (uri.getHost() != null) ? uri.getHost() : String.valueOf(uri.getAuthority());
		return (uri.getPort() >= 0) ? host + ":" + uri.getPort() : host;
	}

}
