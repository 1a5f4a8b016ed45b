package dev.tollgate.rule;

import java.time.Duration;

/**
 * Formats periods the way they are written in configuration.
 */
final class RateFormat {

	private RateFormat() {
	}

	static String period(Duration period) {
		long millis = period.toMillis();
		if (millis % 86_400_000 == 0) {
			return (millis / 86_400_000) + "d";
		}
		if (millis % 3_600_000 == 0) {
			return (millis / 3_600_000) + "h";
		}
		if (millis % 60_000 == 0) {
			return (millis / 60_000) + "m";
		}
		if (millis % 1000 == 0) {
			return (millis / 1000) + "s";
		}
		return millis + "ms";
	}

}
