package dev.tollgate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import redis.embedded.RedisServer;

/**
 * One Redis server of a test's cluster or Sentinel group, with commands on a
 * connection of the test's own for looking into it.
 */
final class RedisNode {

	private final int port;

	private final RedisServer server;

	private final RedisClient client;

	private StatefulRedisConnection<String, String> connection;

	RedisNode(int port, RedisServer server) {
		this.port = port;
		this.server = server;
		this.client = RedisClient.create(RedisURI.builder()
			.withHost("127.0.0.1")
			.withPort(port)
			.withTimeout(Duration.ofSeconds(5))
			.build());
	}

	/** A port free now, for a server to take. */
	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	int port() {
		return this.port;
	}

	void start() {
		try {
			this.server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	synchronized RedisCommands<String, String> commands() {
		if (this.connection == null) {
			this.connection = this.client.connect();
		}
		return this.connection.sync();
	}

	/** Close the test's connection and stop the server. */
	void close() {
		this.client.shutdown();
		try {
			this.server.stop();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
