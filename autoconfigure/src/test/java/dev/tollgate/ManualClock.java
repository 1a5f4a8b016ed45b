package dev.tollgate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.TimeMeter;

/**
 * A clock that tests move by hand: both the wall clock and the time buckets refill by.
 */
public final class ManualClock extends Clock implements TimeMeter {

	private final AtomicLong epochNanos;

	public ManualClock(Instant start) {
		this.epochNanos = new AtomicLong(start.getEpochSecond() * 1_000_000_000L + start.getNano());
	}

	public void advance(Duration duration) {
		this.epochNanos.addAndGet(duration.toNanos());
	}

	@Override
	public long currentTimeNanos() {
		return this.epochNanos.get();
	}

	@Override
	public boolean isWallClockBased() {
		return true;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException();
	}

	@Override
	public Instant instant() {
		long nanos = this.epochNanos.get();
		return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
	}

}
