package dev.tollgate.rule;

import java.util.List;
import java.util.Objects;

import dev.tollgate.key.RateLimitKeyResolver;
import io.github.bucket4j.BucketConfiguration;

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

	private volatile Bandwidths bandwidths;

	private RateLimitRule(Builder builder) {
		this.name = Objects.requireNonNull(builder.name, "name");
		this.route = Objects.requireNonNull(builder.route, "route");
		this.refill = builder.refill;
		this.cost = builder.cost;
		this.mode = builder.mode;
		this.keyName = Objects.requireNonNull(builder.keyName, "keyName");
		this.keyResolver = Objects.requireNonNull(builder.keyResolver, "keyResolver");
		this.source = builder.source;
		this.bandwidths = new Bandwidths(builder.rates, this.refill, 1);
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
		return this.bandwidths.rates();
	}

	/**
	 * The limit's rates and everything derived from them, as one consistent snapshot.
	 * @return the current bandwidths
	 */
	public Bandwidths getBandwidths() {
		return this.bandwidths;
	}

	/**
	 * Change the limit's rates while the application runs. Existing buckets take the
	 * new rates on their next use, keeping the tokens they have used; the change lasts
	 * until restart.
	 * @param rates the new rates, at least one, each at least the cost
	 */
	public synchronized void retune(List<Rate> rates) {
		Bandwidths retuned = new Bandwidths(rates, this.refill, this.bandwidths.version() + 1);
		if (retuned.smallestCapacity() < this.cost) {
			throw new IllegalArgumentException(
					"every capacity must be at least the limit's cost (" + this.cost + ")");
		}
		this.bandwidths = retuned;
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
		return this.bandwidths.configuration();
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
