package dev.tollgate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import redis.embedded.core.ExecutableProvider;
import redis.embedded.core.RedisServerBuilder;

/**
 * One Redis server of a test's, with commands on a connection of the test's own for
 * looking into it, made on first use: a node not started holds its port and its
 * binary's folder, and no connection.
 */
final class RedisNode {

	private static final Duration ASKING_AGAIN = Duration.ofMillis(5);

	private final int port;

	/** Where the server's binary is, and the files it writes there. */
	private final Path folder;

	private final RedisServer server;

	private @Nullable RedisClient client;

	private @Nullable StatefulRedisConnection<String, String> connection;

	private boolean closed;

	/**
	 * A server, not started yet, with its binary in a folder of its own, which
	 * {@link #close()} deletes.
	 * @param port its port
	 * @param server its settings, from {@link #server(int)}
	 * @throws IOException if the binary cannot be put in place
	 */
	RedisNode(int port, RedisServerBuilder server) throws IOException {
		this.port = port;
		this.folder = Files.createTempDirectory("tollgate-redis-server");
		// for a node never closed (built in a class Spring AOT loads, say): once empty, at exit
		this.folder.toFile().deleteOnExit();
		this.server = server.executableProvider(executableIn(this.folder)).build();
	}

	/**
	 * A server on 127.0.0.1 that keeps nothing on disk unless told to.
	 * @param port its port
	 * @return its builder
	 */
	static RedisServerBuilder server(int port) {
		return RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"");
	}

	/**
	 * The {@code redis-server} binary the tests run, put in a folder: the one the
	 * environment variable {@code EMBEDDED_REDIS_EXECUTABLE} names, if set, else the one
	 * shipped in the {@code embedded-redis} artifact, which runs on Linux with glibc and
	 * OpenSSL 3 and on macOS (Redis 6.2), and on Windows (Redis 5). A server works in its
	 * binary's folder, where it writes its files (a master's {@code dump.rdb} for its
	 * replica) and reads them on starting: each server needs a folder of its own.
	 * @param folder an empty folder
	 * @return where the binary will be
	 */
	static ExecutableProvider executableIn(Path folder) {
		String named = System.getenv(ExecutableProvider.ENVIRONMENT_EXECUTABLE_LOCATION);
		if (named == null || named.isBlank()) {
			return ExecutableProvider.newJarResourceProvider(folder.toFile());
		}
		return () -> {
			Path copy = folder.resolve("redis-server");
			Files.copy(Path.of(named), copy, StandardCopyOption.COPY_ATTRIBUTES);
			copy.toFile().deleteOnExit(); // as the shipped binary's copy is
			return copy.toFile();
		};
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
			throw new UncheckedIOException(cannotStart(ex));
		}
	}

	/**
	 * Why a server did not start, and what to do: the binary shipped in the
	 * {@code embedded-redis} artifact does not run everywhere.
	 */
	static IOException cannotStart(IOException ex) {
		return new IOException("redis-server did not start: " + ex.getMessage() + " (where the binary shipped in the "
				+ "embedded-redis artifact cannot run, set " + ExecutableProvider.ENVIRONMENT_EXECUTABLE_LOCATION
				+ " to the path of a redis-server 6.2 or later, e.g. /usr/bin/redis-server)", ex);
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

	/**
	 * Close the test's connection, stop the server and delete its folder, unless done
	 * already.
	 */
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
		delete(this.folder);
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
