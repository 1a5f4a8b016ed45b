package dev.tollgate.limiter;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.store.BucketStore;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Guards a remote store with a Resilience4j circuit breaker and an explicit failure
 * policy. Each failed call (an error, or a timeout the store enforces) is answered by
 * the policy; after repeated failures the breaker opens and the store is skipped
 * altogether for a while, so an outage does not add a timeout to every request. The
 * breaker then lets a few calls through and closes when they succeed: limiting on the
 * store resumes by itself. An outage is logged once when the breaker opens and once
 * when it closes, never once per request.
 */
public final class ResilientStoreGuard implements StoreGuard {

	private static final Log logger = LogFactory.getLog(ResilientStoreGuard.class);

	private final CircuitBreaker breaker;

	private final OnStoreFailure policy;

	private final @Nullable BucketStore localStore;

	private final long retryAfterNanos;

	private volatile @Nullable Throwable lastFailure;

	/**
	 * Create a new guard.
	 * @param breaker the circuit breaker
	 * @param policy what a request gets when the store cannot be asked
	 * @param localStore the in-memory store for {@link OnStoreFailure#LOCAL}
	 * @param retryAfter the {@code Retry-After} of requests denied by
	 * {@link OnStoreFailure#DENY}
	 */
	public ResilientStoreGuard(CircuitBreaker breaker, OnStoreFailure policy, @Nullable BucketStore localStore,
			Duration retryAfter) {
		if (policy == OnStoreFailure.LOCAL && localStore == null) {
			throw new IllegalArgumentException("the LOCAL policy needs a local store");
		}
		this.breaker = breaker;
		this.policy = policy;
		this.localStore = localStore;
		this.retryAfterNanos = retryAfter.toNanos();
		breaker.getEventPublisher().onStateTransition(this::log);
	}

	@Override
	public LimitOutcome consume(RateLimitRule rule, BucketStore store, StoreCall call) {
		if (!this.breaker.tryAcquirePermission()) {
			return fallback(rule, call);
		}
		long start = this.breaker.getCurrentTimestamp();
		try {
			return succeeded(call.apply(store), start);
		}
		catch (RuntimeException ex) {
			return failed(rule, call, ex, start);
		}
	}

	/**
	 * Start one limit's consumption. The store's answer, and the failure policy when
	 * it fails, are taken on the caller's thread once it awaits the outcome.
	 */
	@Override
	public PendingOutcome start(RateLimitRule rule, BucketStore store, StoreCall call, StartedCall startCall) {
		if (!this.breaker.tryAcquirePermission()) {
			LimitOutcome outcome = fallback(rule, call);
			return () -> outcome;
		}
		long start = this.breaker.getCurrentTimestamp();
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
				return failed(rule, call, (ex.getCause() instanceof RuntimeException cause) ? cause : ex, start);
			}
			return succeeded(outcome, start);
		};
	}

	private LimitOutcome succeeded(LimitOutcome outcome, long start) {
		this.breaker.onSuccess(this.breaker.getCurrentTimestamp() - start, this.breaker.getTimestampUnit());
		return outcome;
	}

	private LimitOutcome failed(RateLimitRule rule, StoreCall call, RuntimeException failure, long start) {
		this.lastFailure = failure;
		this.breaker.onError(this.breaker.getCurrentTimestamp() - start, this.breaker.getTimestampUnit(), failure);
		return fallback(rule, call);
	}

	private LimitOutcome fallback(RateLimitRule rule, StoreCall call) {
		return switch (this.policy) {
			case ALLOW -> LimitOutcome.failedOpen(rule);
			case DENY -> LimitOutcome.failedClosed(rule, this.retryAfterNanos);
			case LOCAL -> call.apply(this.localStore).asLocalFallback();
		};
	}

	/**
	 * The breaker's state, for health.
	 * @return the state
	 */
	public State getState() {
		return this.breaker.getState();
	}

	private void log(CircuitBreakerOnStateTransitionEvent event) {
		State to = event.getStateTransition().getToState();
		if (to == State.OPEN && event.getStateTransition().getFromState() == State.CLOSED) {
			Throwable cause = this.lastFailure;
			logger.warn("Rate-limit store is failing (" + ((cause != null) ? cause : "unknown cause")
					+ "); requests are answered by the '" + this.policy.name().toLowerCase(Locale.ROOT)
					+ "' failure policy until it recovers");
		}
		else if (to == State.CLOSED) {
			logger.info("Rate-limit store has recovered; limiting on the store resumes");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Rate-limit store circuit breaker: " + event.getStateTransition());
		}
	}

}
