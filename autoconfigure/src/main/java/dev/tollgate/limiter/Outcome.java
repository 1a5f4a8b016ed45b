package dev.tollgate.limiter;

/**
 * One limit's verdict on one request, as counted in metrics.
 */
public enum Outcome {

	/** The limit had enough tokens. */
	ALLOWED("allowed"),

	/** The enforced limit was exhausted: the request was rejected. */
	REJECTED("rejected"),

	/** The limit, in shadow mode, was exhausted: the request went through anyway. */
	SHADOW_REJECTED("shadow-rejected"),

	/** The store could not be asked. */
	ERROR("error");

	private final String tagValue;

	Outcome(String tagValue) {
		this.tagValue = tagValue;
	}

	/**
	 * The value of the {@code outcome} tag.
	 * @return such as {@code shadow-rejected}
	 */
	public String tagValue() {
		return this.tagValue;
	}

}
