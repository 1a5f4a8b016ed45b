package dev.tollgate.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.tollgate.limiter.LimitOutcome;
import dev.tollgate.limiter.Outcome;
import dev.tollgate.limiter.RateLimitDecision;
import dev.tollgate.limiter.RateLimitListener;
import dev.tollgate.rule.Plan;
import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.rule.RateLimitRules;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Micrometer meters for rate limiting:
 * <ul>
 * <li>{@code tollgate.requests} (counter), tagged {@code limit} (the limit's name),
 * {@code plan} (the key's plan, {@code default} for a limit's own rates) and
 * {@code outcome} ({@code allowed}, {@code rejected}, {@code shadow-rejected},
 * {@code error}): each applicable limit's own verdict on each request;</li>
 * <li>{@code tollgate.decision} (timer): time spent deciding, store latency
 * included.</li>
 * </ul>
 * Tags never carry a client key, address or user; plans are the configured ones.
 * Meters of every configured limit and plan are registered up front, so they report
 * zero before the first request.
 */
public final class RateLimitMetrics implements RateLimitListener {

	/** Name of the request counter. */
	public static final String REQUESTS = "tollgate.requests";

	/** Name of the decision timer. */
	public static final String DECISION = "tollgate.decision";

	private final MeterRegistry registry;

	private final Map<RateLimitRule, Map<String, Counter[]>> counters = new ConcurrentHashMap<>();

	private final Timer decisionTimer;

	public RateLimitMetrics(MeterRegistry registry, RateLimitRules rules) {
		this.registry = registry;
		this.decisionTimer = Timer.builder(DECISION)
			.description("Time spent deciding whether a request is within its rate limits")
			.register(registry);
		rules.getLimits().forEach(this::registerAll);
		if (rules.getDefaultLimit() != null) {
			registerAll(rules.getDefaultLimit());
		}
	}

	@Override
	public void onDecision(RateLimitDecision decision, long elapsedNanos) {
		for (LimitOutcome outcome : decision.getOutcomes()) {
			record(outcome.rule(), (outcome.plan() != null) ? outcome.plan() : Plan.DEFAULT, outcome.outcome());
		}
		this.decisionTimer.record(elapsedNanos, TimeUnit.NANOSECONDS);
	}

	private void record(RateLimitRule rule, String plan, Outcome outcome) {
		countersOf(rule, plan)[outcome.ordinal()].increment();
	}

	private void registerAll(RateLimitRule rule) {
		countersOf(rule, Plan.DEFAULT);
		rule.getPlans().keySet().forEach((plan) -> countersOf(rule, plan));
	}

	/** Registered up front; the lookup allocates nothing once they are. */
	private Counter[] countersOf(RateLimitRule rule, String plan) {
		Map<String, Counter[]> byPlan = this.counters.get(rule);
		Counter[] counters = (byPlan != null) ? byPlan.get(plan) : null;
		if (counters != null) {
			return counters;
		}
		return this.counters.computeIfAbsent(rule, (key) -> new ConcurrentHashMap<>())
			.computeIfAbsent(plan, (key) -> register(rule, plan));
	}

	private Counter[] register(RateLimitRule rule, String plan) {
		Outcome[] outcomes = Outcome.values();
		Counter[] counters = new Counter[outcomes.length];
		for (Outcome outcome : outcomes) {
			counters[outcome.ordinal()] = Counter.builder(REQUESTS)
				.description("Requests counted by a rate limit, by the limit's verdict")
				.tag("limit", rule.getName())
				.tag("plan", plan)
				.tag("outcome", outcome.tagValue())
				.register(this.registry);
		}
		return counters;
	}

}
