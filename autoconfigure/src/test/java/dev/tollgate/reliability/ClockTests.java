package dev.tollgate.reliability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import dev.tollgate.RawHttp;
import dev.tollgate.RawHttp.Response;
import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In memory, buckets refill by a monotonic clock ({@code System.nanoTime()} in
 * production, a separate manual meter here): the wall clock jumping back or forward
 * changes no decision, only the Unix timestamp of the legacy reset header.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tollgate.limits.api.paths=/api", "tollgate.limits.api.rate=2/1m",
				"tollgate.headers.style=legacy" })
class ClockTests {

	@LocalServerPort
	private int port;

	@Autowired
	private MonotonicMeter monotonic;

	@Autowired
	private WallClock wall;

	@Test
	void wallClockJumpsChangeNoDecision() throws Exception {
		RawHttp http = new RawHttp(this.port);
		long resetBefore = Long.parseLong(http.get("/api").header("X-RateLimit-Reset"));
		http.get("/api");
		this.wall.advance(Duration.ofDays(1));
		Response afterForwardJump = http.get("/api");
		assertThat(afterForwardJump.status()).isEqualTo(429);
		assertThat(Long.parseLong(afterForwardJump.header("X-RateLimit-Reset")))
			.isEqualTo(resetBefore + Duration.ofDays(1).toSeconds());
		this.wall.advance(Duration.ofDays(-2));
		assertThat(http.get("/api").status()).isEqualTo(429);
		this.monotonic.advance(Duration.ofMinutes(1));
		assertThat(http.get("/api").status()).isEqualTo(200);
	}

	/**
	 * A wall clock that jumps, and is not a {@link TimeMeter}.
	 */
	static final class WallClock extends Clock {

		private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

	}

	/**
	 * A monotonic meter, apart from the wall clock.
	 */
	static final class MonotonicMeter implements TimeMeter {

		private long nanos = 1_000_000_000L;

		synchronized void advance(Duration duration) {
			this.nanos += duration.toNanos();
		}

		@Override
		public synchronized long currentTimeNanos() {
			return this.nanos;
		}

		@Override
		public boolean isWallClockBased() {
			return false;
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Endpoints.class)
	static class TestApplication {

		@Bean
		MonotonicMeter monotonicMeter() {
			return new MonotonicMeter();
		}

		@Bean
		WallClock wallClock() {
			return new WallClock();
		}

	}

	@RestController
	static class Endpoints {

		@GetMapping("/api")
		String ok() {
			return "ok";
		}

	}

}
