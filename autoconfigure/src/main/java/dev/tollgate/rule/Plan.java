package dev.tollgate.rule;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One plan of a limit: the rates a class of customers gets (free, paid), or no limit
 * at all (internal). A limit's own rates are its {@value #DEFAULT} plan, for requests
 * with no known plan.
 */
public final class Plan {

	/** The name of the plan for requests with no known plan. */
	public static final String DEFAULT = "default";

	private final String name;

	private final @Nullable Bandwidths bandwidths;

	private Plan(String name, @Nullable Bandwidths bandwidths) {
		this.name = Objects.requireNonNull(name, "name");
		this.bandwidths = bandwidths;
	}

	/**
	 * A plan with rates.
	 * @param name the plan's name
	 * @param rates its rates
	 * @param refill how its tokens come back
	 * @param clock the wall clock, which versions the plan's configuration
	 * @return the plan
	 */
	public static Plan of(String name, List<Rate> rates, Refill refill, Clock clock) {
		return new Plan(name, new Bandwidths(rates, refill, Bandwidths.nextVersion(0, clock)));
	}

	/**
	 * A plan without any limit.
	 * @param name the plan's name
	 * @return the plan
	 */
	public static Plan unlimited(String name) {
		return new Plan(name, null);
	}

	static Plan of(String name, Bandwidths bandwidths) {
		return new Plan(name, bandwidths);
	}

	public String getName() {
		return this.name;
	}

	/**
	 * Whether requests on this plan are not limited.
	 * @return {@code true} for an unlimited plan
	 */
	public boolean isUnlimited() {
		return this.bandwidths == null;
	}

	/**
	 * The plan's bandwidths.
	 * @return the bandwidths
	 * @throws IllegalStateException for an unlimited plan
	 */
	public Bandwidths getBandwidths() {
		if (this.bandwidths == null) {
			throw new IllegalStateException("plan '" + this.name + "' is unlimited");
		}
		return this.bandwidths;
	}

	@Override
	public String toString() {
		return this.name + ((this.bandwidths != null) ? " " + this.bandwidths.rates() : " unlimited");
	}

}
