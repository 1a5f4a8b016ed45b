package dev.tollgate.limiter;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The answer for one request across every limit that applies to it.
 */
public final class RateLimitDecision {

	/** Walked by index: on the request path, no iterator is made for the JIT to remove. */
	private final List<LimitOutcome> outcomes;

	private final @Nullable LimitOutcome violated;

	RateLimitDecision(List<LimitOutcome> outcomes) {
		this.outcomes = outcomes;
		this.violated = longestWaitAmongRejecting(outcomes);
	}

	private static @Nullable LimitOutcome longestWaitAmongRejecting(List<LimitOutcome> outcomes) {
		LimitOutcome violated = null;
		for (int i = 0; i < outcomes.size(); i++) {
			LimitOutcome outcome = outcomes.get(i);
			if (outcome.rejects() && (violated == null || outcome.nanosToRetry() > violated.nanosToRetry())) {
				violated = outcome;
			}
		}
		return violated;
	}

	/**
	 * Whether the request may proceed.
	 * @return {@code true} unless an enforced limit is exhausted
	 */
	public boolean isAllowed() {
		return this.violated == null;
	}

	/**
	 * The outcome of every applicable limit, in rule order.
	 * @return the outcomes
	 */
	public List<LimitOutcome> getOutcomes() {
		return this.outcomes;
	}

	/**
	 * The enforced limit that rejected the request and takes longest to allow it.
	 * @return the violated limit's outcome, or {@code null} when allowed
	 */
	public @Nullable LimitOutcome getViolated() {
		return this.violated;
	}

	/**
	 * The limit a single-value header describes: the violated one when rejected,
	 * otherwise the one with the fewest tokens left (then the longest reset). Limits
	 * whose store failed have no numbers to describe.
	 * @return the outcome closest to exhaustion, or {@code null} when no limit has
	 * numbers to describe
	 */
	public @Nullable LimitOutcome closestToExhaustion() {
		if (this.violated != null && this.violated.hasBucket()) {
			return this.violated;
		}
		LimitOutcome closest = null;
		for (int i = 0; i < this.outcomes.size(); i++) {
			LimitOutcome outcome = this.outcomes.get(i);
			if (!outcome.hasBucket()) {
				continue;
			}
			if (closest == null || outcome.remaining() < closest.remaining() || (outcome.remaining() == closest
				.remaining() && outcome.nanosToReset() > closest.nanosToReset())) {
				closest = outcome;
			}
		}
		return closest;
	}

}
