package dev.tollgate.limiter;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The answer for one request across every limit that applies to it.
 */
public final class RateLimitDecision {

	/**
	 * The outcome when one limit applied, the most common case, which then needs no
	 * list: a request's decision allocates as little as it can.
	 */
	private final @Nullable LimitOutcome only;

	/**
	 * The outcomes when several limits applied. Both are read only through
	 * {@link #getOutcomeCount()} and {@link #getOutcome(int)}: by index, with no
	 * iterator.
	 */
	private final List<LimitOutcome> outcomes;

	private final @Nullable LimitOutcome violated;

	/**
	 * The decision of one limit.
	 * @param outcome its outcome
	 */
	RateLimitDecision(LimitOutcome outcome) {
		this.only = outcome;
		this.outcomes = List.of();
		this.violated = longestWaitAmongRejecting();
	}

	/**
	 * The decision of several limits.
	 * @param outcomes their outcomes, in rule order
	 */
	RateLimitDecision(List<LimitOutcome> outcomes) {
		this.only = null;
		this.outcomes = outcomes;
		this.violated = longestWaitAmongRejecting();
	}

	private @Nullable LimitOutcome longestWaitAmongRejecting() {
		LimitOutcome violated = null;
		for (int i = 0; i < getOutcomeCount(); i++) {
			LimitOutcome outcome = getOutcome(i);
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
	 * The outcome of every applicable limit, in rule order. On the request path,
	 * {@link #getOutcomeCount()} and {@link #getOutcome(int)} read them without making
	 * a list for a single limit.
	 * @return the outcomes
	 */
	public List<LimitOutcome> getOutcomes() {
		return (this.only != null) ? List.of(this.only) : this.outcomes;
	}

	/**
	 * The number of limits that applied.
	 * @return at least one
	 */
	public int getOutcomeCount() {
		return (this.only != null) ? 1 : this.outcomes.size();
	}

	/**
	 * The outcome of one applicable limit.
	 * @param index the limit's place in rule order, from 0 to {@link #getOutcomeCount()} - 1
	 * @return its outcome
	 */
	public LimitOutcome getOutcome(int index) {
		if (this.only != null) {
			Objects.checkIndex(index, 1);
			return this.only;
		}
		return this.outcomes.get(index);
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
		for (int i = 0; i < getOutcomeCount(); i++) {
			LimitOutcome outcome = getOutcome(i);
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
