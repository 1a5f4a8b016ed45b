package dev.tollgate.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitHeaderParserTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private final RateLimitHeaderParser parser = new RateLimitHeaderParser(Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void draft11PicksTheItemWithFewestRemaining() {
		RateLimitInfo info = parse("RateLimit", "\"api\";r=189;t=42, \"token-exchange\";r=3;t=17", "RateLimit-Policy",
				"\"api\";q=200;w=60, \"token-exchange\";q=10;w=60");
		assertThat(info.limit()).hasValue(10);
		assertThat(info.remaining()).hasValue(3);
		assertThat(info.reset()).contains(NOW.plusSeconds(17));
		assertThat(info.policy()).contains("token-exchange");
	}

	@Test
	void draft11WithoutPolicyHasNoLimit() {
		RateLimitInfo info = parse("RateLimit", "\"default\";r=5;t=1");
		assertThat(info.limit()).isEmpty();
		assertThat(info.remaining()).hasValue(5);
	}

	@Test
	void draft7CombinedField() {
		RateLimitInfo info = parse("RateLimit", "limit=100, remaining=50, reset=30", "RateLimit-Policy", "100;w=60");
		assertThat(info.limit()).hasValue(100);
		assertThat(info.remaining()).hasValue(50);
		assertThat(info.reset()).contains(NOW.plusSeconds(30));
		assertThat(info.policy()).contains("100;w=60");
	}

	@Test
	void draft6Fields() {
		RateLimitInfo info = parse("RateLimit-Limit", "10, 10;w=60", "RateLimit-Remaining", "0", "RateLimit-Reset",
				"59");
		assertThat(info.limit()).hasValue(10);
		assertThat(info.remaining()).hasValue(0);
		assertThat(info.isExhausted()).isTrue();
		assertThat(info.reset()).contains(NOW.plusSeconds(59));
	}

	@ParameterizedTest
	@CsvSource({ "60, 2026-01-01T00:01:00Z", "1767225660, 2026-01-01T00:01:00Z",
			"1767225660000, 2026-01-01T00:01:00Z", "0, 2026-01-01T00:00:00Z" })
	void legacyResetIsDeltaSecondsOrTimestamp(String reset, Instant expected) {
		RateLimitInfo info = parse("X-RateLimit-Limit", "100", "X-RateLimit-Remaining", "99", "X-RateLimit-Reset",
				reset);
		assertThat(info.limit()).hasValue(100);
		assertThat(info.remaining()).hasValue(99);
		assertThat(info.reset()).contains(expected);
	}

	@Test
	void retryAfterAsSecondsOrHttpDate() {
		assertThat(parse("Retry-After", "120").retryAfter()).contains(Duration.ofMinutes(2));
		assertThat(parse("Retry-After", "Thu, 01 Jan 2026 00:00:30 GMT").retryAfter()).contains(Duration.ofSeconds(30));
		assertThat(parse("Retry-After", "Wed, 31 Dec 2025 23:00:00 GMT").retryAfter()).contains(Duration.ZERO);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "RateLimit|garbage", "RateLimit|\"unterminated;r=5",
			"RateLimit|\"a\";r=-1;t=5", "RateLimit|limit=abc, remaining=, reset=", "RateLimit-Remaining|lots",
			"X-RateLimit-Remaining|99999999999999999999999", "X-RateLimit-Limit|1e3", "Retry-After|soon",
			"Retry-After|-5", "Retry-After|99999999999", "RateLimit|\"\";r=;t=", "RateLimit|;;;,,," })
	void malformedHeadersGiveNothingAndNeverThrow(String name, String value) {
		RateLimitInfo info = parse(name, value);
		assertThat(info.remaining()).isEmpty();
		assertThat(info.limit()).isEmpty();
		assertThat(info.retryAfter()).isEmpty();
	}

	@Test
	void noHeadersIsEmpty() {
		assertThat(this.parser.parse(new HttpHeaders())).isEqualTo(RateLimitInfo.EMPTY);
		assertThat(RateLimitInfo.EMPTY.isEmpty()).isTrue();
	}

	private RateLimitInfo parse(String... namesAndValues) {
		HttpHeaders headers = new HttpHeaders();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			headers.add(namesAndValues[i], namesAndValues[i + 1]);
		}
		return this.parser.parse(headers);
	}

}
