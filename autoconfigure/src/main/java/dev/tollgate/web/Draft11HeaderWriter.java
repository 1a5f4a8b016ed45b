package dev.tollgate.web;

import dev.tollgate.limiter.LimitOutcome;
import dev.tollgate.limiter.RateLimitDecision;

/**
 * The current IETF draft (draft-ietf-httpapi-ratelimit-headers-11): one item per
 * applicable limit in each of {@code RateLimit-Policy} ({@code "name";q=100;w=60})
 * and {@code RateLimit} ({@code "name";r=99;t=60}). A limit with plans is named with
 * the key's plan: {@code "api/paid"}.
 */
public final class Draft11HeaderWriter implements RateLimitHeaderWriter {

	@Override
	public void write(ResponseHeaders headers, RateLimitDecision decision) {
		StringBuilder policy = new StringBuilder(48);
		StringBuilder state = new StringBuilder(48);
		for (int i = 0; i < decision.getOutcomeCount(); i++) {
			LimitOutcome outcome = decision.getOutcome(i);
			if (!outcome.hasBucket()) {
				continue;
			}
			if (!policy.isEmpty()) {
				policy.append(", ");
				state.append(", ");
			}
			String name = (outcome.plan() != null) ? outcome.rule().getName() + "/" + outcome.plan()
					: outcome.rule().getName();
			policy.append('"').append(name).append("\";q=").append(outcome.limit()).append(";w=")
				.append(Math.max(1, outcome.window().toSeconds()));
			state.append('"').append(name).append("\";r=").append(outcome.remaining()).append(";t=")
				.append(RateLimitHeaders.ceilSeconds(outcome.nanosToReset()));
		}
		if (policy.isEmpty()) {
			return;
		}
		headers.set(RateLimitHeaders.POLICY, policy.toString());
		headers.set(RateLimitHeaders.RATE_LIMIT, state.toString());
	}

}
