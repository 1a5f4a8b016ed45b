package dev.tollgate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.jspecify.annotations.Nullable;
import redis.embedded.RedisServer;

/**
 * One Redis server of a test's, with commands on a connection of the test's own for
 * looking into it, made on first use: a node not started holds nothing but its port.
 */
final class RedisNode {

	private static final Duration ASKING_AGAIN = Duration.ofMillis(5);

	private final int port;

	private final RedisServer server;

	private @Nullable RedisClient client;

	private @Nullable StatefulRedisConnection<String, String> connection;

	private boolean closed;

	RedisNode(int port, RedisServer server) {
		this.port = port;
		this.server = server;
	}

	/** A port free now, for a server to take. */
	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** Delete a folder of the servers' files, with everything in it. */
	static void delete(Path directory) {
		try (Stream<Path> files = Files.walk(directory)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
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

	boolean isActive() {
		return this.server.isActive();
	}

	/** Stop the server, as an outage would; the test's connection waits to reconnect. */
	void stop() {
		try {
			this.server.stop();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	synchronized RedisCommands<String, String> commands() {
		if (this.connection == null) {
			this.client = RedisClient.create(RedisURI.builder()
				.withHost("127.0.0.1")
				.withPort(this.port)
				.withTimeout(Duration.ofSeconds(5))
				.build());
			this.connection = this.client.connect();
		}
		return this.connection.sync();
	}

	/** Close the test's connection and stop the server, unless done already. */
	synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		if (this.client != null) {
			this.client.shutdown();
		}
		if (isActive()) {
			stop();
		}
	}

	/**
	 * Wait until servers are done with something, such as forming a cluster or failing
	 * a master over. A question asked through a connection that the servers dropped
	 * meanwhile counts as not done yet (the connection comes back by itself). The
	 * servers work on their own clocks (Sentinel looks for replicas every ten seconds),
	 * so the question is asked again every few milliseconds, not in a busy loop that
	 * would take the CPU from them.
	 * @param what what is awaited, for the failure's message
	 * @param timeout the longest to wait
	 * @param done whether it is done
	 * @throws IllegalStateException if it is not done within the timeout
	 */
	static void await(String what, Duration timeout, BooleanSupplier done) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!answer(done)) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("waited " + timeout + " for " + what);
			}
			LockSupport.parkNanos(ASKING_AGAIN.toNanos());
		}
	}

	private static boolean answer(BooleanSupplier question) {
		try {
			return question.getAsBoolean();
		}
		catch (RedisException ex) {
			return false;
		}
	}

}
