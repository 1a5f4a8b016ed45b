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
import org.jspecify.annotations.Nullable;

/**
 * Micrometer meters for rate limiting:
 * <ul>
 * <li>{@code tollgate.requests} (counter), tagged {@code limit} (the limit's name),
 * {@code plan} (the key's plan, {@code default} for a limit's own rates) and
 * {@code outcome} ({@code allowed}, {@code rejected}, {@code shadow-rejected},
 * {@code error}): each applicable limit's own verdict on each request;</li>
 * <li>{@code tollgate.decision} (timer), when decisions are timed: time spent
 * deciding, store latency included. It is meant for stores outside the JVM; in
 * memory a decision takes a fraction of a microsecond, about what timing it costs.</li>
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

	private final Map<RateLimitRule, LimitCounters> counters = new ConcurrentHashMap<>();

	private final @Nullable Timer decisionTimer;

	/**
	 * Create the meters.
	 * @param registry where the meters are registered
	 * @param rules the limits
	 * @param timeDecisions whether to register and record {@code tollgate.decision}
	 */
	public RateLimitMetrics(MeterRegistry registry, RateLimitRules rules, boolean timeDecisions) {
		this.registry = registry;
		this.decisionTimer = timeDecisions ? Timer.builder(DECISION)
			.description("Time spent deciding whether a request is within its rate limits")
			.register(registry) : null;
		rules.getLimits().forEach(this::registerAll);
		if (rules.getDefaultLimit() != null) {
			registerAll(rules.getDefaultLimit());
		}
	}

	@Override
	public void onDecision(RateLimitDecision decision, long elapsedNanos) {
		for (int i = 0; i < decision.getOutcomeCount(); i++) {
			LimitOutcome outcome = decision.getOutcome(i);
			countersOf(outcome.rule(), outcome.plan())[outcome.outcome().ordinal()].increment();
		}
		if (this.decisionTimer != null) {
			this.decisionTimer.record(elapsedNanos, TimeUnit.NANOSECONDS);
		}
	}

	@Override
	public boolean timesDecisions() {
		return this.decisionTimer != null;
	}

	private void registerAll(RateLimitRule rule) {
		countersOf(rule, null);
		rule.getPlans().keySet().forEach((plan) -> countersOf(rule, plan));
	}

	/**
	 * The counters of a limit and plan ({@code null} for a limit without plans; its
	 * own rates are also its {@code default} plan), one per outcome. Registered up
	 * front; the lookup allocates nothing once they are.
	 */
	private Counter[] countersOf(RateLimitRule rule, @Nullable String plan) {
		LimitCounters limit = this.counters.get(rule);
		if (limit == null) {
			limit = this.counters.computeIfAbsent(rule, (key) -> new LimitCounters(register(rule, Plan.DEFAULT)));
		}
		if (plan == null) {
			return limit.ownRates;
		}
		Counter[] counters = limit.plans.get(plan);
		return (counters != null) ? counters : limit.plans.computeIfAbsent(plan, (key) -> register(rule, plan));
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

	/**
	 * A limit's counters: those of its own rates, which are also those of its
	 * {@code default} plan, and those of each of its plans.
	 */
	private static final class LimitCounters {

		final Counter[] ownRates;

		final Map<String, Counter[]> plans = new ConcurrentHashMap<>();

		LimitCounters(Counter[] ownRates) {
			this.ownRates = ownRates;
			this.plans.put(Plan.DEFAULT, ownRates);
		}

	}

}
