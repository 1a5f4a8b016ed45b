package dev.tollgate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.tollgate.store.redis.LastKnownStateProxyManager;
import dev.tollgate.store.redis.LettuceConnection;
import dev.tollgate.store.redis.RedisBucketStore;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.proxy.optimization.Optimization;
import io.github.bucket4j.redis.lettuce.RedisApi;
import io.lettuce.core.api.sync.RedisCommands;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Redis server for tests: the {@code redis-server} binary shipped in the
 * {@code embedded-redis} artifact, on a free port, with no persistence unless asked. As a JUnit
 * extension in a static field ({@code @RegisterExtension}) it starts before the class's
 * tests and stops after them, closing the stores it built. Tests can stop and restart
 * it to simulate an outage.
 */
public final class TestRedis implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

	private final RedisNode node;

	/** Where a persistent server keeps its data, or {@code null}. */
	private final @Nullable Path directory;

	private final List<LastKnownStateProxyManager> managers = new ArrayList<>();

	/**
	 * A server not started yet: chooses its port and puts its binary in place (removed
	 * at exit if never closed), and connects to nothing, so a test class may hold one in
	 * a static field even where its class is loaded only to be inspected (as Spring AOT
	 * processing does).
	 */
	public TestRedis() {
		this(null);
	}

	private TestRedis(@Nullable Path directory) {
		this.directory = directory;
		try {
			int port = RedisNode.freePort();
			this.node = new RedisNode(port, RedisNode.server(port)
				.setting((directory != null) ? "appendonly yes" : "appendonly no")
				.settingIf(directory != null, "appendfsync always")
				.settingIf(directory != null, "dir " + directory));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A server that keeps its data across a restart, in an append-only file written
	 * before each command is answered, as a Redis run for durability does.
	 * @return the server, not started yet
	 */
	public static TestRedis persistent() {
		try {
			return new TestRedis(Files.createTempDirectory("tollgate-redis"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		start();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		close();
	}

	public int port() {
		return this.node.port();
	}

	/**
	 * Commands for looking into Redis from a test.
	 * @return synchronous commands on a connection of the test's own
	 */
	public RedisCommands<String, String> commands() {
		return this.node.commands();
	}

	/**
	 * Start the server again if a test stopped it.
	 */
	public void ensureRunning() {
		if (!this.node.isActive()) {
			start();
		}
	}

	public void stop() {
		this.node.stop();
	}

	/**
	 * Start the server, first or again, and wait until it answers.
	 */
	public void start() {
		this.node.start();
		commands().ping();
	}

	/**
	 * How many times each command ran since the server started, from
	 * {@code INFO commandstats}.
	 * @return calls by command name, such as {@code get} or {@code eval}
	 */
	public Map<String, Long> commandCalls() {
		Map<String, Long> calls = new HashMap<>();
		for (String line : commands().info("commandstats").split("\r?\n")) {
			if (line.startsWith("cmdstat_")) {
				String name = line.substring("cmdstat_".length(), line.indexOf(':'));
				String stats = line.substring(line.indexOf(':') + 1);
				calls.put(name, Long.parseLong(stats.split(",")[0].substring("calls=".length())));
			}
		}
		return calls;
	}

	public void resetStats() {
		commands().configResetstat();
	}

	/**
	 * An instance's Redis store as Tollgate configures it, on a test clock.
	 * @param connection the instance's connection
	 * @param clock the clock buckets refill by
	 * @param keyPrefix the first part of every Redis key
	 * @return the store
	 */
	public RedisBucketStore store(LettuceConnection<byte[]> connection, TimeMeter clock, String keyPrefix) {
		return store(connection, clock, keyPrefix, null);
	}

	/**
	 * An instance's Redis store as Tollgate configures it, on a test clock, with a
	 * Bucket4j optimization.
	 * @param connection the instance's connection
	 * @param clock the clock buckets refill by
	 * @param keyPrefix the first part of every Redis key
	 * @param optimization the optimization, or {@code null}
	 * @return the store
	 */
	public RedisBucketStore store(LettuceConnection<byte[]> connection, TimeMeter clock, String keyPrefix,
			@Nullable Optimization optimization) {
		return store(connection, Duration.ofSeconds(5), clock, keyPrefix, optimization);
	}

	/**
	 * An instance's Redis store as Tollgate configures it, on commands a test stands
	 * between it and Redis, with a timeout of the test's own.
	 * @param redis the commands
	 * @param timeout the longest a request waits for Redis
	 * @param clock the clock buckets refill by
	 * @param keyPrefix the first part of every Redis key
	 * @return the store
	 */
	public RedisBucketStore store(RedisApi<byte[]> redis, Duration timeout, TimeMeter clock, String keyPrefix) {
		return store(redis, timeout, clock, keyPrefix, null);
	}

	/**
	 * An instance's Redis store as Tollgate configures it, on commands a test stands
	 * between it and Redis, with a timeout of the test's own and a Bucket4j optimization.
	 * @param redis the commands
	 * @param timeout the longest a request waits for Redis
	 * @param clock the clock buckets refill by
	 * @param keyPrefix the first part of every Redis key
	 * @param optimization the optimization, or {@code null}
	 * @return the store
	 */
	public synchronized RedisBucketStore store(RedisApi<byte[]> redis, Duration timeout, TimeMeter clock,
			String keyPrefix, @Nullable Optimization optimization) {
		LastKnownStateProxyManager manager = new LastKnownStateProxyManager(redis, timeout, clock, 1000);
		this.managers.add(manager);
		return new RedisBucketStore(manager, keyPrefix, optimization, 1000);
	}

	/**
	 * Close the stores built here (their timer threads end), the test's own connection,
	 * and stop the server.
	 */
	@Override
	public synchronized void close() {
		this.managers.forEach(LastKnownStateProxyManager::close);
		this.managers.clear();
		this.node.close();
		if (this.directory != null) {
			RedisNode.delete(this.directory);
		}
	}

}
