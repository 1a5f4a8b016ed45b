package dev.tollgate.limiter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.tollgate.limiter.StoreGuard.PendingOutcome;
import dev.tollgate.limiter.StoreGuard.StoreCall;
import dev.tollgate.rule.Bandwidths;
import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.store.BucketStore;
import dev.tollgate.store.TokenBucket;
import io.github.bucket4j.ConsumptionProbe;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Consumes a request's cost from the bucket of every applicable limit. When an
 * enforced limit rejects the request, the tokens it took from the other limits are
 * refunded, so a rejected request uses up nothing. Under contention a refund may
 * briefly make another request see fewer tokens than it would have: the limiter errs
 * on the side of rejecting, never of admitting too many.
 */
public final class RateLimiter {

	private static final Log logger = LogFactory.getLog(RateLimiter.class);

	private final BucketStore store;

	private final @Nullable StoreGuard guard;

	private final RateLimitListener[] listeners;

	private final boolean timed;

	public RateLimiter(BucketStore store) {
		this(store, null, List.of());
	}

	/**
	 * Create a new limiter.
	 * @param store where buckets live
	 * @param guard what to do when the store fails, or {@code null} for a store that
	 * does not fail (in memory)
	 * @param listeners told of every decision
	 */
	public RateLimiter(BucketStore store, @Nullable StoreGuard guard, List<RateLimitListener> listeners) {
		this.store = store;
		this.guard = guard;
		this.listeners = listeners.toArray(RateLimitListener[]::new);
		this.timed = listeners.stream().anyMatch(RateLimitListener::timesDecisions);
	}

	/**
	 * Consume a request from every applicable limit, each with its own rates.
	 * @param rules the limits that apply, at least one
	 * @param keys the request's key for each limit, in the same order
	 * @return the decision
	 */
	public RateLimitDecision consume(List<RateLimitRule> rules, List<String> keys) {
		List<LimitRequest> requests = new ArrayList<>(rules.size());
		for (int i = 0; i < rules.size(); i++) {
			requests.add(LimitRequest.of(rules.get(i), keys.get(i)));
		}
		return consume(requests);
	}

	/**
	 * Consume a request from every applicable limit.
	 * @param requests the limits that apply, each with the request's key and plan
	 * @return the decision
	 */
	public RateLimitDecision consume(List<LimitRequest> requests) {
		long start = this.timed ? System.nanoTime() : 0;
		RateLimitDecision decision = decide(requests);
		if (this.listeners.length > 0) {
			long elapsed = this.timed ? System.nanoTime() - start : 0;
			for (RateLimitListener listener : this.listeners) {
				listener.onDecision(decision, elapsed);
			}
		}
		return decision;
	}

	private RateLimitDecision decide(List<LimitRequest> requests) {
		if (requests.size() == 1) {
			// One limit: nothing to refund, no arrays to keep.
			LimitRequest request = requests.get(0);
			LimitOutcome outcome = (this.guard != null) ? guardedConsume(request, new TokenBucket[1], 0)
					: consume(request, bucket(this.store, request));
			return new RateLimitDecision(request.planned() ? outcome.withPlan(request.plan().getName()) : outcome);
		}
		int count = requests.size();
		TokenBucket[] buckets = new TokenBucket[count];
		PendingOutcome[] pending = null;
		if (this.store.isRemote()) {
			// every limit's request is sent before any answer is awaited: they travel together
			pending = new PendingOutcome[count];
			for (int i = 0; i < count; i++) {
				pending[i] = start(requests.get(i), buckets, i);
			}
		}
		List<LimitOutcome> outcomes = new ArrayList<>(count);
		boolean rejected = false;
		for (int i = 0; i < count; i++) {
			LimitRequest request = requests.get(i);
			LimitOutcome outcome;
			if (pending != null) {
				outcome = pending[i].await();
			}
			else {
				outcome = (this.guard != null) ? guardedConsume(request, buckets, i)
						: consume(request, buckets[i] = bucket(this.store, request));
			}
			if (request.planned()) {
				outcome = outcome.withPlan(request.plan().getName());
			}
			outcomes.add(outcome);
			rejected |= outcome.rejects();
		}
		if (rejected) {
			refund(outcomes, buckets);
		}
		return new RateLimitDecision(outcomes);
	}

	private LimitOutcome guardedConsume(LimitRequest request, TokenBucket[] buckets, int index) {
		return this.guard.consume(request, this.store, consumption(request, buckets, index));
	}

	/** A request's consumption from its bucket in a store, the bucket kept for refunds. */
	private StoreCall consumption(LimitRequest request, TokenBucket[] buckets, int index) {
		return (store) -> consume(request, buckets[index] = bucket(store, request));
	}

	private PendingOutcome start(LimitRequest request, TokenBucket[] buckets, int index) {
		if (this.guard != null) {
			return this.guard.start(request, this.store, consumption(request, buckets, index),
					(store) -> startConsume(request, buckets[index] = bucket(store, request)));
		}
		CompletableFuture<LimitOutcome> answer = startConsume(request, buckets[index] = bucket(this.store, request));
		return () -> TokenBucket.await(answer);
	}

	private static TokenBucket bucket(BucketStore store, LimitRequest request) {
		return store.bucket(request.rule(), request.key(), request.plan().getBandwidths(), request.version());
	}

	private LimitOutcome consume(LimitRequest request, TokenBucket bucket) {
		RateLimitRule rule = request.rule();
		Bandwidths bandwidths = request.plan().getBandwidths();
		long[] available = available(bandwidths);
		return outcome(rule, bucket.tryConsume(rule.getCost(), available), bandwidths, available);
	}

	private CompletableFuture<LimitOutcome> startConsume(LimitRequest request, TokenBucket bucket) {
		RateLimitRule rule = request.rule();
		Bandwidths bandwidths = request.plan().getBandwidths();
		long[] available = available(bandwidths);
		return bucket.tryConsumeAsync(rule.getCost(), available)
			.thenApply((probe) -> outcome(rule, probe, bandwidths, available));
	}

	/** Room for each bandwidth's tokens after a consumption; none needed with one. */
	private static long @Nullable [] available(Bandwidths bandwidths) {
		return (bandwidths.count() == 1) ? null : new long[bandwidths.count()];
	}

	/**
	 * The outcome of a consumption, its figures from the tightest of the limit's
	 * bandwidths: the one with the fewest tokens left.
	 */
	private static LimitOutcome outcome(RateLimitRule rule, ConsumptionProbe probe, Bandwidths bandwidths,
			long @Nullable [] available) {
		int tightest = 0;
		if (available != null) {
			for (int i = 1; i < available.length; i++) {
				if (available[i] < available[tightest]) {
					tightest = i;
				}
			}
		}
		return outcome(rule, probe, bandwidths, tightest);
	}

	private static LimitOutcome outcome(RateLimitRule rule, ConsumptionProbe probe, Bandwidths bandwidths,
			int bandwidth) {
		boolean consumed = probe.isConsumed();
		return new LimitOutcome(rule, consumed, bandwidths.capacity(bandwidth), bandwidths.window(bandwidth),
				probe.getRemainingTokens(), probe.getNanosToWaitForReset(),
				consumed ? 0 : probe.getNanosToWaitForRefill(), StoreStatus.ANSWERED, null);
	}

	/**
	 * Give back what the limits that allowed a rejected request took. In memory each
	 * refund is made at once; a remote store's are all started before any is awaited,
	 * as the limits' consumptions were, so that they travel together: one round trip,
	 * however many limits allowed the request. A refund that fails (a remote store just
	 * went away) is dropped: the key loses one request's worth of tokens, which errs on
	 * the side of limiting.
	 */
	private void refund(List<LimitOutcome> outcomes, TokenBucket[] buckets) {
		CompletableFuture<?>[] started = this.store.isRemote() ? startRefunds(outcomes, buckets) : null;
		for (int i = 0; i < buckets.length; i++) {
			LimitOutcome outcome = outcomes.get(i);
			if (refundable(outcome, buckets[i])) {
				try {
					if (started != null) {
						TokenBucket.await(started[i]);
					}
					else {
						buckets[i].addTokens(outcome.rule().getCost());
					}
					outcomes.set(i, outcome.refunded());
				}
				catch (RuntimeException ex) {
					logger.debug("Could not refund a rejected request to limit '" + outcome.rule().getName() + "'", ex);
				}
			}
		}
	}

	private static CompletableFuture<?>[] startRefunds(List<LimitOutcome> outcomes, TokenBucket[] buckets) {
		CompletableFuture<?>[] started = new CompletableFuture<?>[buckets.length];
		for (int i = 0; i < buckets.length; i++) {
			LimitOutcome outcome = outcomes.get(i);
			if (refundable(outcome, buckets[i])) {
				try {
					started[i] = buckets[i].addTokensAsync(outcome.rule().getCost());
				}
				catch (RuntimeException ex) {
					started[i] = CompletableFuture.failedFuture(ex);
				}
			}
		}
		return started;
	}

	/** Whether a limit took the request's tokens: it allowed it, from a bucket it reached. */
	private static boolean refundable(LimitOutcome outcome, @Nullable TokenBucket bucket) {
		return outcome.conforming() && bucket != null;
	}

}
