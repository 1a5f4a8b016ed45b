package dev.tollgate.actuate;

import dev.tollgate.store.InMemoryBucketStore;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the in-memory bucket store: always up, with how full it is.
 */
public class InMemoryStoreHealthIndicator extends AbstractHealthIndicator {

	private final InMemoryBucketStore store;

	public InMemoryStoreHealthIndicator(InMemoryBucketStore store) {
		super("Rate-limit store health check failed");
		this.store = store;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.up()
			.withDetail("store", "in-memory")
			.withDetail("keys", this.store.size())
			.withDetail("maximumKeys", this.store.getMaximumKeys());
	}

}
