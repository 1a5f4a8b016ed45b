package dev.tollgate.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import dev.tollgate.store.redis.LettuceConnection;
import io.lettuce.core.RedisClient;
import redis.embedded.RedisServer;

/**
 * A real redis-server on 127.0.0.1 (the binary shipped in the embedded-redis
 * artifact), on a free port, without persistence, and Tollgate's connection to it.
 */
final class LocalRedis implements AutoCloseable {

	private final RedisServer server;

	private final RedisClient client;

	private final LettuceConnection<byte[]> connection;

	LocalRedis() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		this.server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"").build();
		this.server.start();
		this.client = RedisClient.create("redis://127.0.0.1:" + port);
		this.connection = LettuceConnection.on(this.client, Duration.ofSeconds(2));
	}

	LettuceConnection<byte[]> connection() {
		return this.connection;
	}

	@Override
	public void close() throws IOException {
		this.connection.close();
		this.client.shutdown();
		this.server.stop();
	}

}
