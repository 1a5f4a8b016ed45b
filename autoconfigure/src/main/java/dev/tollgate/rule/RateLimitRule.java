package dev.tollgate.rule;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import dev.tollgate.key.RateLimitKeyResolver;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;

/**
 * One named limit: which requests it applies to, how many it allows, who is counted
 * and what happens when it is exhausted. Immutable; everything a request needs is
 * prepared when the rule is built.
 */
public final class RateLimitRule {

	private final String name;

	private final RouteMatcher route;

	private final List<Rate> rates;

	private final Refill refill;

	private final long cost;

	private final LimitMode mode;

	private final String keyName;

	private final RateLimitKeyResolver keyResolver;

	private final String source;

	private final BucketConfiguration bucketConfiguration;

	private final long[] capacities;

	private final Duration timeToRefill;

	private RateLimitRule(Builder builder) {
		this.name = Objects.requireNonNull(builder.name, "name");
		this.route = Objects.requireNonNull(builder.route, "route");
		this.rates = List.copyOf(builder.rates);
		if (this.rates.isEmpty()) {
			throw new IllegalArgumentException("at least one rate is required");
		}
		this.refill = builder.refill;
		this.cost = builder.cost;
		this.mode = builder.mode;
		this.keyName = Objects.requireNonNull(builder.keyName, "keyName");
		this.keyResolver = Objects.requireNonNull(builder.keyResolver, "keyResolver");
		this.source = builder.source;
		this.bucketConfiguration = toBucketConfiguration(this.rates, this.refill);
		this.capacities = this.rates.stream().mapToLong(Rate::tokens).toArray();
		this.timeToRefill = this.rates.stream().map(Rate::period).max(Duration::compareTo).orElseThrow();
	}

	private static BucketConfiguration toBucketConfiguration(List<Rate> rates, Refill refill) {
		ConfigurationBuilder builder = BucketConfiguration.builder();
		for (Rate rate : rates) {
			builder.addLimit(toBandwidth(rate, refill));
		}
		return builder.build();
	}

	private static Bandwidth toBandwidth(Rate rate, Refill refill) {
		var capacity = Bandwidth.builder().capacity(rate.tokens());
		var built = (refill == Refill.GREEDY) ? capacity.refillGreedy(rate.tokens(), rate.period())
				: capacity.refillIntervally(rate.tokens(), rate.period());
		return built.build();
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

	public List<Rate> getRates() {
		return this.rates;
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

	public BucketConfiguration getBucketConfiguration() {
		return this.bucketConfiguration;
	}

	/**
	 * The capacity of the rule's bandwidth at the given index, in the order of
	 * {@link #getRates()}.
	 * @param bandwidth the bandwidth's index
	 * @return its capacity
	 */
	public long getCapacity(int bandwidth) {
		return this.capacities[bandwidth];
	}

	/**
	 * How long an untouched bucket of this rule takes, at most, to be full again:
	 * after that, forgetting it loses nothing.
	 * @return the longest period of the rule's rates
	 */
	public Duration getTimeToRefill() {
		return this.timeToRefill;
	}

	@Override
	public String toString() {
		return "RateLimitRule '" + this.name + "' " + this.rates + " on " + this.route + " by " + this.keyName;
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

		public Builder source(String source) {
			this.source = source;
			return this;
		}

		public RateLimitRule build() {
			return new RateLimitRule(this);
		}

	}

}
