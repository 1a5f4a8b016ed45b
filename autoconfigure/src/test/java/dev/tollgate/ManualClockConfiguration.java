package dev.tollgate;

import java.time.Instant;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Replaces the clocks Tollgate uses (the bucket {@code TimeMeter} and the wall
 * {@code Clock}) with one that tests move by hand.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ManualClockConfiguration {

	public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	@Bean
	public ManualClock manualClock() {
		return new ManualClock(START);
	}

}
