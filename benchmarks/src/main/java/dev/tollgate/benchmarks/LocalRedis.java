package dev.tollgate.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import dev.tollgate.store.redis.LettuceConnection;
import io.lettuce.core.RedisClient;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * A real redis-server on 127.0.0.1 (the binary shipped in the embedded-redis
 * artifact), on a free port, without persistence, and Tollgate's connection to it. The
 * binary runs in a folder of its own, deleted on closing.
 */
final class LocalRedis implements AutoCloseable {

	private final Path folder;

	private final RedisServer server;

	private final RedisClient client;

	private final LettuceConnection<byte[]> connection;

	LocalRedis() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		this.folder = Files.createTempDirectory("tollgate-benchmark-redis");
		this.server = RedisServer.newRedisServer()
			.executableProvider(ExecutableProvider.newJarResourceProvider(this.folder.toFile()))
			.port(port)
			.bind("127.0.0.1")
			.setting("save \"\"")
			.build();
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
		try (Stream<Path> files = Files.walk(this.folder)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
	}

}
