package dev.tollgate.rule;

/**
 * Thrown at start-up when a limit cannot be built from its definition. Names where
 * the definition came from (a property or an annotated method) and shows a valid
 * value.
 */
public class InvalidRateLimitException extends IllegalStateException {

	private final String origin;

	private final String value;

	private final String example;

	/**
	 * Create a new instance.
	 * @param origin where the bad value came from, such as
	 * {@code tollgate.limits.login.rate}
	 * @param value the bad value as written
	 * @param reason why it is not valid
	 * @param example a valid value for the same setting
	 */
	public InvalidRateLimitException(String origin, Object value, String reason, String example) {
		super("Invalid value '" + value + "' for " + origin + ": " + reason + " (for example: " + example + ")");
		this.origin = origin;
		this.value = String.valueOf(value);
		this.example = example;
	}

	public String getOrigin() {
		return this.origin;
	}

	public String getValue() {
		return this.value;
	}

	public String getExample() {
		return this.example;
	}

}
