package dev.tollgate.rule;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One bandwidth of a limit: {@code tokens} per {@code period}, written in compact
 * form as {@code 200/1m}, {@code 10/s} or {@code 1000/1h}.
 *
 * @param tokens the number of tokens (requests at cost 1) the period allows
 * @param period the period over which they are allowed
 */
public record Rate(long tokens, Duration period) {

	/** An example of a valid compact rate, used in error messages. */
	public static final String EXAMPLE = "200/1m";

	public Rate {
		Objects.requireNonNull(period, "period");
		if (tokens <= 0) {
			throw new IllegalArgumentException("the number of requests must be positive, got " + tokens);
		}
		if (period.isZero() || period.isNegative()) {
			throw new IllegalArgumentException("the period must be positive, got " + period);
		}
		if (tokens > period.toNanos()) {
			throw new IllegalArgumentException("at most one request per nanosecond can be allowed, got " + tokens
					+ " per " + period);
		}
	}

	/**
	 * Parse a compact rate {@code <tokens>/<period>} where the period is a number
	 * followed by {@code ms}, {@code s}, {@code m}, {@code h} or {@code d}, or a unit
	 * alone meaning one of it ({@code 10/s}).
	 * @param text the rate, such as {@code 200/1m}
	 * @return the rate
	 * @throws IllegalArgumentException if the text is not a valid rate
	 */
	public static Rate parse(String text) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("a rate must not be empty");
		}
		String trimmed = text.trim();
		int slash = trimmed.indexOf('/');
		if (slash <= 0 || slash == trimmed.length() - 1) {
			throw new IllegalArgumentException("'" + text + "' is not of the form <requests>/<period>");
		}
		long tokens = parseTokens(trimmed.substring(0, slash).trim(), text);
		Duration period = parsePeriod(trimmed.substring(slash + 1).trim().toLowerCase(Locale.ROOT), text);
		return new Rate(tokens, period);
	}

	private static long parseTokens(String value, String text) {
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("'" + value + "' in '" + text + "' is not a whole number of requests");
		}
	}

	private static Duration parsePeriod(String value, String text) {
		int unitStart = 0;
		while (unitStart < value.length() && Character.isDigit(value.charAt(unitStart))) {
			unitStart++;
		}
		String unit = value.substring(unitStart);
		long amount;
		try {
			amount = (unitStart == 0) ? 1 : Long.parseLong(value.substring(0, unitStart));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("'" + value + "' in '" + text + "' is too large a period");
		}
		return switch (unit) {
			case "ms" -> Duration.ofMillis(amount);
			case "s" -> Duration.ofSeconds(amount);
			case "m", "min" -> Duration.ofMinutes(amount);
			case "h" -> Duration.ofHours(amount);
			case "d" -> Duration.ofDays(amount);
			default -> throw new IllegalArgumentException(
					"'" + value + "' in '" + text + "' is not a period; use a number and one of ms, s, m, h, d");
		};
	}

	@Override
	public String toString() {
		return this.tokens + "/" + RateFormat.period(this.period);
	}

}
