package dev.tollgate.rule;

import org.jspecify.annotations.Nullable;

/**
 * What an {@code AntPathMatcher} pattern matches beyond the path pattern of the same
 * text, for reading such patterns as path patterns
 * ({@code spring.mvc.pathmatch.matching-strategy=ant-path-matcher}).
 */
public final class AntPatterns {

	private AntPatterns() {
	}

	/**
	 * The paths an {@code AntPathMatcher} pattern ending in a {@code *} segment matches
	 * besides those its path pattern does: that matcher lets the segment be empty at the
	 * end of a path that ends with a slash ({@code /files/*}{@code /} matches
	 * {@code /files/}, which no path pattern of it does).
	 * @param antPattern the pattern
	 * @return the pattern without the {@code *}, its slash kept, or {@code null} if it does
	 * not end in such a segment or has {@code **}
	 */
	public static @Nullable String emptyLastSegment(String antPattern) {
		String trimmed = antPattern.endsWith("/") ? antPattern.substring(0, antPattern.length() - 1) : antPattern;
		if (!trimmed.endsWith("/*") || antPattern.contains("**")) {
			return null;
		}
		return trimmed.substring(0, trimmed.length() - 1);
	}

}
