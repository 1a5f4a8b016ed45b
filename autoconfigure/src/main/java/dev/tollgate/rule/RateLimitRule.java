package dev.tollgate.rule;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.tollgate.key.RateLimitKeyResolver;
import dev.tollgate.plan.RateLimitPlanResolver;
import org.jspecify.annotations.Nullable;

/**
 * One named limit: which requests it applies to, how many it allows, who is counted
 * and what happens when it is exhausted. Immutable; everything a request needs is
 * prepared when the rule is built.
 */
public final class RateLimitRule {

	private final String name;

	private final RouteMatcher route;

	private final Refill refill;

	private final long cost;

	private final LimitMode mode;

	private final String keyName;

	private final RateLimitKeyResolver keyResolver;

	private final String source;

	private volatile Plan defaultPlan;

	private volatile Map<String, Plan> plans;

	private final @Nullable String planResolverName;

	private final @Nullable RateLimitPlanResolver planResolver;

	private final Clock clock;

	private RateLimitRule(Builder builder) {
		this.name = Objects.requireNonNull(builder.name, "name");
		this.route = Objects.requireNonNull(builder.route, "route");
		this.refill = builder.refill;
		this.cost = builder.cost;
		this.mode = builder.mode;
		this.keyName = Objects.requireNonNull(builder.keyName, "keyName");
		this.keyResolver = Objects.requireNonNull(builder.keyResolver, "keyResolver");
		this.source = builder.source;
		this.clock = builder.clock;
		this.defaultPlan = Plan.of(Plan.DEFAULT, builder.rates, this.refill, this.clock);
		this.plans = Collections.unmodifiableMap(new LinkedHashMap<>(builder.plans));
		if (!this.plans.isEmpty() && builder.planResolver == null) {
			throw new IllegalArgumentException("a limit with plans needs a plan resolver");
		}
		this.planResolverName = builder.planResolverName;
		this.planResolver = builder.planResolver;
	}

	public static Builder builder(String name) {
		return new Builder(name);
	}

	public String getName() {
		return this.name;
	}

	public RouteMatcher getRoute() {
		return this.route;
	}

	/**
	 * The limit's rates now; they change when the limit is retuned.
	 * @return the rates
	 */
	public List<Rate> getRates() {
		return this.defaultPlan.getBandwidths().rates();
	}

	/**
	 * The limit's own rates (its default plan) and everything derived from them, as
	 * one consistent snapshot.
	 * @return the current bandwidths
	 */
	public Bandwidths getBandwidths() {
		return this.defaultPlan.getBandwidths();
	}

	/**
	 * The plan for requests with no known plan: the limit's own rates.
	 * @return the default plan
	 */
	public Plan getDefaultPlan() {
		return this.defaultPlan;
	}

	/**
	 * The limit's named plans; they change when a plan is retuned.
	 * @return the plans by name, empty for a limit without plans
	 */
	public Map<String, Plan> getPlans() {
		return this.plans;
	}

	/**
	 * Whether the limit has plans, so that each request's plan must be resolved.
	 * @return {@code true} when plans are configured
	 */
	public boolean hasPlans() {
		return this.planResolver != null;
	}

	/**
	 * The plan of a given name; an unknown or absent name gets the default plan.
	 * @param name the plan's name, or {@code null}
	 * @return the plan
	 */
	public Plan plan(@Nullable String name) {
		Plan plan = (name != null) ? this.plans.get(name) : null;
		return (plan != null) ? plan : this.defaultPlan;
	}

	/**
	 * Who decides the plan of a request.
	 * @return the resolver, or {@code null} for a limit without plans
	 */
	public @Nullable RateLimitPlanResolver getPlanResolver() {
		return this.planResolver;
	}

	/**
	 * The plan resolver as configured, such as {@code header:X-Plan} or a bean name.
	 * @return the resolver's name, or {@code null} for a limit without plans
	 */
	public @Nullable String getPlanResolverName() {
		return this.planResolverName;
	}

	/**
	 * Change the limit's rates while the application runs. Existing buckets take the
	 * new rates on their next use, keeping the tokens they have used; the change lasts
	 * until restart.
	 * @param rates the new rates, at least one, each at least the cost
	 */
	public synchronized void retune(List<Rate> rates) {
		this.defaultPlan = Plan.of(Plan.DEFAULT, retuned(rates, this.defaultPlan));
	}

	/**
	 * Change the rates of one of the limit's plans while the application runs, as
	 * {@link #retune(List)} does for the limit's own rates.
	 * @param planName the plan's name
	 * @param rates the new rates, at least one, each at least the cost
	 * @throws IllegalArgumentException if the limit has no such plan, the plan is
	 * unlimited, or a rate is invalid
	 */
	public synchronized void retunePlan(String planName, List<Rate> rates) {
		Plan plan = this.plans.get(planName);
		if (plan == null || plan.isUnlimited()) {
			throw new IllegalArgumentException("limit '" + this.name + "' has no plan '" + planName + "' with rates");
		}
		Map<String, Plan> plans = new LinkedHashMap<>(this.plans);
		plans.put(planName, Plan.of(planName, retuned(rates, plan)));
		this.plans = Collections.unmodifiableMap(plans);
	}

	private Bandwidths retuned(List<Rate> rates, Plan previous) {
		Bandwidths retuned = new Bandwidths(rates, this.refill,
				Bandwidths.nextVersion(previous.getBandwidths().version(), this.clock));
		if (retuned.smallestCapacity() < this.cost) {
			throw new IllegalArgumentException(
					"every capacity must be at least the limit's cost (" + this.cost + ")");
		}
		return retuned;
	}

	public Refill getRefill() {
		return this.refill;
	}

	public long getCost() {
		return this.cost;
	}

	public LimitMode getMode() {
		return this.mode;
	}

	/**
	 * The key as configured, such as {@code ip} or {@code header:X-Api-Key}.
	 * @return the key's name
	 */
	public String getKeyName() {
		return this.keyName;
	}

	public RateLimitKeyResolver getKeyResolver() {
		return this.keyResolver;
	}

	/**
	 * Where the rule was defined, such as {@code tollgate.limits.login}.
	 * @return the rule's source
	 */
	public String getSource() {
		return this.source;
	}

	@Override
	public String toString() {
		return "RateLimitRule '" + this.name + "' " + getRates() + " on " + this.route + " by " + this.keyName;
	}

	/**
	 * Builder for {@link RateLimitRule}.
	 */
	public static final class Builder {

		private final String name;

		private RouteMatcher route;

		private List<Rate> rates = List.of();

		private Refill refill = Refill.INTERVAL;

		private long cost = 1;

		private LimitMode mode = LimitMode.ENFORCE;

		private String keyName;

		private RateLimitKeyResolver keyResolver;

		private String source;

		private Map<String, Plan> plans = Map.of();

		private @Nullable String planResolverName;

		private @Nullable RateLimitPlanResolver planResolver;

		private Clock clock = Clock.systemUTC();

		private Builder(String name) {
			this.name = name;
			this.source = name;
		}

		public Builder route(RouteMatcher route) {
			this.route = route;
			return this;
		}

		public Builder rates(List<Rate> rates) {
			this.rates = rates;
			return this;
		}

		public Builder refill(Refill refill) {
			this.refill = refill;
			return this;
		}

		public Builder cost(long cost) {
			this.cost = cost;
			return this;
		}

		public Builder mode(LimitMode mode) {
			this.mode = mode;
			return this;
		}

		public Builder key(String keyName, RateLimitKeyResolver keyResolver) {
			this.keyName = keyName;
			this.keyResolver = keyResolver;
			return this;
		}

		/**
		 * The wall clock that versions the limit's configuration when it is built and
		 * retuned: on a shared store, the newest configuration wins on every instance.
		 * @param clock the clock, the system's by default
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		public Builder source(String source) {
			this.source = source;
			return this;
		}

		/**
		 * Give the limit plans, decided per request by a resolver.
		 * @param plans the plans by name
		 * @param resolverName the resolver as configured
		 * @param resolver the resolver
		 * @return this builder
		 */
		public Builder plans(Map<String, Plan> plans, String resolverName, RateLimitPlanResolver resolver) {
			this.plans = plans;
			this.planResolverName = resolverName;
			this.planResolver = resolver;
			return this;
		}

		public RateLimitRule build() {
			return new RateLimitRule(this);
		}

	}

}
