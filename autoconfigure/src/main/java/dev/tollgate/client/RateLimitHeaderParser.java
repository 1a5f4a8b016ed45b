package dev.tollgate.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Reads rate-limit headers in every common style into a {@link RateLimitInfo}:
 * <ul>
 * <li>IETF draft 11: {@code RateLimit: "name";r=50;t=30} with
 * {@code RateLimit-Policy: "name";q=100;w=60}; of several items, the one with the
 * fewest requests left;</li>
 * <li>IETF draft 7: {@code RateLimit: limit=100, remaining=50, reset=30};</li>
 * <li>IETF draft 6: {@code RateLimit-Limit}, {@code RateLimit-Remaining},
 * {@code RateLimit-Reset} (seconds);</li>
 * <li>legacy {@code X-RateLimit-*}, the reset either seconds to wait or a Unix
 * timestamp (values from 10^9 are taken as timestamps, in seconds, or milliseconds
 * from 10^12);</li>
 * <li>{@code Retry-After} as seconds or an HTTP date.</li>
 * </ul>
 * Malformed values are left out; parsing never throws.
 */
public final class RateLimitHeaderParser {

	private static final long TIMESTAMP_SECONDS_FROM = 1_000_000_000L;

	private static final long TIMESTAMP_MILLIS_FROM = 1_000_000_000_000L;

	private static final long MAX_SECONDS = Duration.ofDays(366).toSeconds();

	private final Clock clock;

	public RateLimitHeaderParser(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Parse a response's headers.
	 * @param headers the headers
	 * @return what they say about rate limits, {@link RateLimitInfo#EMPTY} when
	 * nothing
	 */
	public RateLimitInfo parse(HttpHeaders headers) {
		try {
			Instant now = this.clock.instant();
			Optional<Duration> retryAfter = retryAfter(headers.getFirst("Retry-After"), now);
			RateLimitInfo info = parseLimits(headers, now);
			return new RateLimitInfo(info.limit(), info.remaining(), info.reset(), retryAfter, info.policy());
		}
		catch (RuntimeException ex) {
			return RateLimitInfo.EMPTY;
		}
	}

	private RateLimitInfo parseLimits(HttpHeaders headers, Instant now) {
		String combined = headers.getFirst("RateLimit");
		if (combined != null && !combined.isBlank()) {
			return combined.trim().startsWith("\"") ? draft11(combined, headers.getFirst("RateLimit-Policy"), now)
					: draft7(combined, headers.getFirst("RateLimit-Policy"), now);
		}
		if (headers.containsHeader("RateLimit-Limit") || headers.containsHeader("RateLimit-Remaining")) {
			return new RateLimitInfo(firstNumber(headers.getFirst("RateLimit-Limit")),
					number(headers.getFirst("RateLimit-Remaining")),
					deltaSeconds(headers.getFirst("RateLimit-Reset"), now),
					Optional.empty(), Optional.ofNullable(headers.getFirst("RateLimit-Policy")));
		}
		if (headers.containsHeader("X-RateLimit-Limit") || headers.containsHeader("X-RateLimit-Remaining")) {
			return new RateLimitInfo(number(headers.getFirst("X-RateLimit-Limit")),
					number(headers.getFirst("X-RateLimit-Remaining")),
					legacyReset(headers.getFirst("X-RateLimit-Reset"), now), Optional.empty(), Optional.empty());
		}
		return RateLimitInfo.EMPTY;
	}

	private RateLimitInfo draft11(String value, @Nullable String policyValue, Instant now) {
		Item closest = null;
		for (Item item : items(value)) {
			if (item.name() != null && item.number("r").isPresent()
					&& (closest == null || item.number("r").getAsLong() < closest.number("r").getAsLong())) {
				closest = item;
			}
		}
		if (closest == null) {
			return RateLimitInfo.EMPTY;
		}
		OptionalLong quota = OptionalLong.empty();
		if (policyValue != null) {
			for (Item policy : items(policyValue)) {
				if (closest.name().equals(policy.name())) {
					quota = policy.number("q");
				}
			}
		}
		OptionalLong reset = closest.number("t");
		return new RateLimitInfo(quota, closest.number("r"),
				reset.isPresent() ? Optional.of(now.plusSeconds(reset.getAsLong())) : Optional.empty(), Optional.empty(),
				Optional.of(closest.name()));
	}

	private RateLimitInfo draft7(String value, @Nullable String policyValue, Instant now) {
		Map<String, String> dictionary = new HashMap<>();
		for (String member : value.split(",")) {
			int equals = member.indexOf('=');
			if (equals > 0) {
				dictionary.put(member.substring(0, equals).trim().toLowerCase(Locale.ROOT),
						member.substring(equals + 1).trim());
			}
		}
		if (dictionary.isEmpty()) {
			return RateLimitInfo.EMPTY;
		}
		return new RateLimitInfo(number(dictionary.get("limit")), number(dictionary.get("remaining")),
				deltaSeconds(dictionary.get("reset"), now), Optional.empty(), Optional.ofNullable(policyValue));
	}

	/** One item of a structured-field list: {@code "name";key=value;key=value}. */
	private record Item(@Nullable String name, Map<String, String> parameters) {

		OptionalLong number(String key) {
			return RateLimitHeaderParser.number(this.parameters.get(key));
		}

	}

	private static List<Item> items(String value) {
		List<Item> items = new ArrayList<>();
		for (String member : splitOutsideQuotes(value, ',')) {
			List<String> parts = splitOutsideQuotes(member, ';');
			String name = unquote(parts.get(0).trim());
			Map<String, String> parameters = new HashMap<>();
			for (int i = 1; i < parts.size(); i++) {
				int equals = parts.get(i).indexOf('=');
				if (equals > 0) {
					parameters.put(parts.get(i).substring(0, equals).trim(), parts.get(i).substring(equals + 1).trim());
				}
			}
			items.add(new Item(name, parameters));
		}
		return items;
	}

	private static List<String> splitOutsideQuotes(String value, char separator) {
		List<String> parts = new ArrayList<>();
		boolean quoted = false;
		int start = 0;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"' && (i == 0 || value.charAt(i - 1) != '\\')) {
				quoted = !quoted;
			}
			else if (c == separator && !quoted) {
				parts.add(value.substring(start, i));
				start = i + 1;
			}
		}
		parts.add(value.substring(start));
		return parts;
	}

	private static @Nullable String unquote(String token) {
		if (token.length() >= 2 && token.startsWith("\"") && token.endsWith("\"")) {
			return token.substring(1, token.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
		}
		return null;
	}

	private static OptionalLong number(@Nullable String value) {
		if (value == null) {
			return OptionalLong.empty();
		}
		String trimmed = value.trim();
		if (trimmed.isEmpty() || trimmed.length() > 18) {
			return OptionalLong.empty();
		}
		for (int i = 0; i < trimmed.length(); i++) {
			if (trimmed.charAt(i) < '0' || trimmed.charAt(i) > '9') {
				return OptionalLong.empty();
			}
		}
		return OptionalLong.of(Long.parseLong(trimmed));
	}

	/** Draft 6 allows a policy after the number: {@code 100, 100;w=60}. */
	private static OptionalLong firstNumber(@Nullable String value) {
		if (value == null) {
			return OptionalLong.empty();
		}
		int end = value.length();
		for (char separator : new char[] { ',', ';' }) {
			int at = value.indexOf(separator);
			if (at >= 0 && at < end) {
				end = at;
			}
		}
		return number(value.substring(0, end));
	}

	private static Optional<Instant> deltaSeconds(@Nullable String value, Instant now) {
		OptionalLong seconds = number(value);
		return (seconds.isPresent() && seconds.getAsLong() <= MAX_SECONDS)
				? Optional.of(now.plusSeconds(seconds.getAsLong())) : Optional.empty();
	}

	private static Optional<Instant> legacyReset(@Nullable String value, Instant now) {
		OptionalLong number = number(value);
		if (number.isEmpty()) {
			return Optional.empty();
		}
		long n = number.getAsLong();
		if (n >= TIMESTAMP_MILLIS_FROM) {
			return Optional.of(Instant.ofEpochMilli(n));
		}
		if (n >= TIMESTAMP_SECONDS_FROM) {
			return Optional.of(Instant.ofEpochSecond(n));
		}
		return deltaSeconds(value, now);
	}

	private static Optional<Duration> retryAfter(@Nullable String value, Instant now) {
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		OptionalLong seconds = number(value);
		if (seconds.isPresent()) {
			return (seconds.getAsLong() <= MAX_SECONDS) ? Optional.of(Duration.ofSeconds(seconds.getAsLong()))
					: Optional.empty();
		}
		try {
			Instant date = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration wait = Duration.between(now, date);
			return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

}
