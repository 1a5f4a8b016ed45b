package dev.tollgate;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A test of a whole application on a real server (a {@code RANDOM_PORT}
 * {@code @SpringBootTest} with {@link ManualClockConfiguration}): each test has a
 * client of its own and starts from full buckets, the clock moved a day past the last
 * test's requests, with no sleep.
 */
public abstract class OverRealHttp {

	@LocalServerPort
	protected int port;

	@Autowired
	protected ManualClock clock;

	protected RawHttp http;

	@BeforeEach
	void startFromFullBuckets() {
		this.http = new RawHttp(this.port);
		this.clock.advance(Duration.ofDays(1));
	}

}
