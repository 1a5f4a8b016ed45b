package dev.tollgate.limiter;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.store.BucketStore;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Guards a remote store with Resilience4j circuit breakers and an explicit failure
 * policy. Each failed call (an error, or a timeout the store enforces) is answered by
 * the policy; after repeated failures the breaker opens and the store is skipped
 * altogether for a while, so an outage does not add a timeout to every request. The
 * breaker then lets a few calls through and closes when they succeed: limiting on the
 * store resumes by itself. An outage is logged once when the breaker opens and once
 * when it closes, never once per request.
 * <p>
 * Each node of the store ({@link BucketStore#nodeOf}) has a breaker of its own: when
 * one master of a Redis Cluster fails, only the requests whose buckets it holds get
 * the policy, and the buckets on the other masters are still counted there. A node's
 * breaker that no request has needed for a minute, and at least its open period (a
 * master whose replica took its place), is forgotten, on the breakers' clock. A store
 * that names no node has one breaker, kept for good.
 */
public final class ResilientStoreGuard implements StoreGuard {

	private static final Log logger = LogFactory.getLog(ResilientStoreGuard.class);

	private static final Duration FORGOTTEN_AFTER = Duration.ofMinutes(1);

	/** Far more than a Redis Cluster has masters. */
	private static final int MAXIMUM_NODES = 1_024;

	private final CircuitBreakerConfig config;

	private final OnStoreFailure policy;

	private final @Nullable BucketStore localStore;

	private final long retryAfterNanos;

	/** The breaker of a store that names no node (standalone Redis, say). */
	private final NodeBreaker wholeStore;

	/** The breakers of the nodes the store named, by name. */
	private final LoadingCache<String, NodeBreaker> nodes;

	/**
	 * Create a new guard.
	 * @param config the circuit breaker of each node of the store
	 * @param policy what a request gets when the store cannot be asked
	 * @param localStore the in-memory store for {@link OnStoreFailure#LOCAL}
	 * @param retryAfter the {@code Retry-After} of requests denied by
	 * {@link OnStoreFailure#DENY}
	 */
	public ResilientStoreGuard(CircuitBreakerConfig config, OnStoreFailure policy, @Nullable BucketStore localStore,
			Duration retryAfter) {
		if (policy == OnStoreFailure.LOCAL && localStore == null) {
			throw new IllegalArgumentException("the LOCAL policy needs a local store");
		}
		this.config = config;
		this.policy = policy;
		this.localStore = localStore;
		this.retryAfterNanos = retryAfter.toNanos();
		Duration openPeriod = Duration.ofMillis(config.getWaitIntervalFunctionInOpenState().apply(1));
		Clock clock = config.getClock();
		this.wholeStore = newBreaker("");
		this.nodes = Caffeine.newBuilder()
			.maximumSize(MAXIMUM_NODES)
			.expireAfterAccess((openPeriod.compareTo(FORGOTTEN_AFTER) > 0) ? openPeriod : FORGOTTEN_AFTER)
			.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
			.build(this::newBreaker);
	}

	@Override
	public LimitOutcome consume(LimitRequest request, BucketStore store, StoreCall call) {
		NodeBreaker node = breakerOf(request, store);
		if (!node.breaker.tryAcquirePermission()) {
			return fallback(request.rule(), call);
		}
		long start = node.breaker.getCurrentTimestamp();
		try {
			return node.succeeded(call.apply(store), start);
		}
		catch (RuntimeException ex) {
			node.failed(ex, start);
			return fallback(request.rule(), call);
		}
	}

	/**
	 * Start one limit's consumption. The store's answer, and the failure policy when
	 * it fails, are taken on the caller's thread once it awaits the outcome.
	 */
	@Override
	public PendingOutcome start(LimitRequest request, BucketStore store, StoreCall call, StartedCall startCall) {
		NodeBreaker node = breakerOf(request, store);
		if (!node.breaker.tryAcquirePermission()) {
			LimitOutcome outcome = fallback(request.rule(), call);
			return () -> outcome;
		}
		long start = node.breaker.getCurrentTimestamp();
		CompletableFuture<LimitOutcome> answer;
		try {
			answer = startCall.apply(store);
		}
		catch (RuntimeException ex) {
			answer = CompletableFuture.failedFuture(ex);
		}
		CompletableFuture<LimitOutcome> started = answer;
		return () -> {
			LimitOutcome outcome;
			try {
				outcome = started.join();
			}
			catch (CompletionException | CancellationException ex) {
				node.failed((ex.getCause() instanceof RuntimeException cause) ? cause : ex, start);
				return fallback(request.rule(), call);
			}
			return node.succeeded(outcome, start);
		};
	}

	private NodeBreaker breakerOf(LimitRequest request, BucketStore store) {
		String node = store.nodeOf(request.rule(), request.key());
		return node.isEmpty() ? this.wholeStore : this.nodes.get(node);
	}

	private LimitOutcome fallback(RateLimitRule rule, StoreCall call) {
		return switch (this.policy) {
			case ALLOW -> LimitOutcome.failedOpen(rule);
			case DENY -> LimitOutcome.failedClosed(rule, this.retryAfterNanos);
			case LOCAL -> call.apply(this.localStore).asLocalFallback();
		};
	}

	/**
	 * The state of the store's breakers together, for health: open if one is, else
	 * half-open if one is, else closed. Once the store names its nodes, only theirs
	 * count: the whole store's breaker served only the calls made before a Cluster
	 * connection knew its nodes, and serves none since.
	 * @return the state
	 */
	public State getState() {
		Collection<State> states = getNodeStates().values();
		return states.isEmpty() ? this.wholeStore.breaker.getState()
				: states.stream().max(Comparator.comparingInt(ResilientStoreGuard::rank)).orElseThrow();
	}

	private static int rank(State state) {
		return switch (state) {
			case OPEN, FORCED_OPEN -> 2;
			case HALF_OPEN -> 1;
			default -> 0;
		};
	}

	/**
	 * The state of the breaker of each node named by the store that requests have
	 * reached, for health.
	 * @return the states by node, sorted by name; empty for a store of one node
	 */
	public Map<String, State> getNodeStates() {
		this.nodes.cleanUp();
		Map<String, State> states = new TreeMap<>();
		this.nodes.asMap().forEach((name, node) -> states.put(name, node.breaker.getState()));
		return states;
	}

	private NodeBreaker newBreaker(String node) {
		return new NodeBreaker(node, CircuitBreaker.of(node.isEmpty() ? "tollgate-store" : "tollgate-store-" + node,
				this.config));
	}

	/**
	 * One node's breaker, and the failure that last went through it, for the log.
	 */
	private final class NodeBreaker {

		private final String node;

		private final CircuitBreaker breaker;

		private volatile @Nullable Throwable lastFailure;

		NodeBreaker(String node, CircuitBreaker breaker) {
			this.node = node;
			this.breaker = breaker;
			breaker.getEventPublisher().onStateTransition(this::log);
		}

		LimitOutcome succeeded(LimitOutcome outcome, long start) {
			this.breaker.onSuccess(this.breaker.getCurrentTimestamp() - start, this.breaker.getTimestampUnit());
			return outcome;
		}

		void failed(Throwable failure, long start) {
			this.lastFailure = failure;
			this.breaker.onError(this.breaker.getCurrentTimestamp() - start, this.breaker.getTimestampUnit(),
					failure);
		}

		private void log(CircuitBreakerOnStateTransitionEvent event) {
			State to = event.getStateTransition().getToState();
			String store = this.node.isEmpty() ? "Rate-limit store" : "Rate-limit store node " + this.node;
			if (to == State.OPEN && event.getStateTransition().getFromState() == State.CLOSED) {
				Throwable cause = this.lastFailure;
				logger.warn(store + " is failing (" + ((cause != null) ? cause : "unknown cause") + "); requests "
						+ (this.node.isEmpty() ? "" : "whose buckets it holds ") + "are answered by the '"
						+ ResilientStoreGuard.this.policy.name().toLowerCase(Locale.ROOT)
						+ "' failure policy until it recovers");
			}
			else if (to == State.CLOSED) {
				logger.info(store + " has recovered; limiting on " + (this.node.isEmpty() ? "the store" : "it")
						+ " resumes");
			}
			else if (logger.isDebugEnabled()) {
				logger.debug(store + " circuit breaker: " + event.getStateTransition());
			}
		}

	}

}
