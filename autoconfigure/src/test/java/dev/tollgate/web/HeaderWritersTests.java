package dev.tollgate.web;

import java.time.Instant;
import java.util.List;

import dev.tollgate.ManualClock;
import dev.tollgate.limiter.RateLimitDecision;
import dev.tollgate.limiter.RateLimiter;
import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.store.InMemoryBucketStore;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletResponse;

import static dev.tollgate.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

class HeaderWritersTests {

	private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00.250Z"));

	private final RateLimiter limiter = new RateLimiter(new InMemoryBucketStore(100, this.clock));

	private final RateLimitRule wide = rule("api", "200/1m", "/**");

	private final RateLimitRule narrow = rule("token-exchange", "10/1m", "/**");

	@Test
	void draft11ListsEveryLimit() {
		MockHttpServletResponse response = write(new Draft11HeaderWriter());
		assertThat(response.getHeader("RateLimit-Policy")).isEqualTo("\"api\";q=200;w=60, \"token-exchange\";q=10;w=60");
		assertThat(response.getHeader("RateLimit")).isEqualTo("\"api\";r=199;t=60, \"token-exchange\";r=9;t=60");
	}

	@Test
	void draft6DescribesTheLimitClosestToExhaustion() {
		MockHttpServletResponse response = write(new Draft6HeaderWriter());
		assertThat(response.getHeader("RateLimit-Limit")).isEqualTo("10");
		assertThat(response.getHeader("RateLimit-Remaining")).isEqualTo("9");
		assertThat(response.getHeader("RateLimit-Reset")).isEqualTo("60");
		assertThat(response.getHeader("Retry-After")).isNull();
	}

	@Test
	void legacyResetIsAUnixTimestampRoundedUp() {
		MockHttpServletResponse response = write(new LegacyHeaderWriter(this.clock));
		assertThat(response.getHeader("X-RateLimit-Limit")).isEqualTo("10");
		assertThat(response.getHeader("X-RateLimit-Remaining")).isEqualTo("9");
		assertThat(response.getHeader("X-RateLimit-Reset"))
			.isEqualTo(Long.toString(Instant.parse("2026-01-01T00:01:01Z").getEpochSecond()));
	}

	private MockHttpServletResponse write(RateLimitHeaderWriter writer) {
		RateLimitDecision decision = this.limiter.consume(List.of(this.wide, this.narrow), List.of("k", "k"));
		MockHttpServletResponse response = new MockHttpServletResponse();
		writer.write(ResponseHeaderAccess.servlet().of(response), decision);
		return response;
	}

}
