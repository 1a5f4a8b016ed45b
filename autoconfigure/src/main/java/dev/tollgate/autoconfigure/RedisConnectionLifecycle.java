package dev.tollgate.autoconfigure;

import dev.tollgate.store.redis.LettuceConnection;

import org.springframework.context.SmartLifecycle;

/**
 * Closes Tollgate's Redis connection when the application stops: after the web server
 * has finished its requests, and before Spring Data's connection factory shuts down
 * the Lettuce client the connection was made on (one phase above the factory's). A
 * Redis Cluster client shut down under an open connection closes that connection's
 * node connections twice, and Lettuce warns about each.
 */
final class RedisConnectionLifecycle implements SmartLifecycle {

	private final LettuceConnection<?> connection;

	private final int phase;

	private volatile boolean running;

	/**
	 * @param connection the connection to close
	 * @param clientPhase the phase in which the connection's client is shut down
	 */
	RedisConnectionLifecycle(LettuceConnection<?> connection, int clientPhase) {
		this.connection = connection;
		this.phase = (clientPhase < Integer.MAX_VALUE) ? clientPhase + 1 : clientPhase;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.connection.close();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return this.phase;
	}

}
