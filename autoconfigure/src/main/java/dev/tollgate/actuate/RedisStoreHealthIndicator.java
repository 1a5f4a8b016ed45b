package dev.tollgate.actuate;

import java.util.Map;

import dev.tollgate.limiter.ResilientStoreGuard;
import dev.tollgate.store.redis.LettuceConnection;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the Redis rate-limit store: whether Redis answers, and the state of the
 * circuit breakers in front of it: on a Cluster, one per master, and the worst of them.
 */
public class RedisStoreHealthIndicator extends AbstractHealthIndicator {

	private final LettuceConnection<?> connection;

	private final ResilientStoreGuard guard;

	public RedisStoreHealthIndicator(LettuceConnection<?> connection, ResilientStoreGuard guard) {
		super("Redis rate-limit store is unreachable");
		this.connection = connection;
		this.guard = guard;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("store", "redis").withDetail("circuitBreaker", this.guard.getState().name());
		Map<String, State> nodes = this.guard.getNodeStates();
		if (!nodes.isEmpty()) {
			builder.withDetail("circuitBreakers", nodes);
		}
		this.connection.ping();
		builder.up();
	}

}
