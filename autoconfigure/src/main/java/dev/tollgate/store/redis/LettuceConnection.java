package dev.tollgate.store.redis;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.bucket4j.redis.lettuce.RedisApi;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.async.BaseRedisAsyncCommands;
import io.lettuce.core.api.async.RedisKeyAsyncCommands;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.lettuce.core.api.async.RedisStringAsyncCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.ByteArrayCodec;
import org.jspecify.annotations.Nullable;

/**
 * Tollgate's own Lettuce connection for Bucket4j, on a standalone, Sentinel or
 * Cluster client. It connects in the background (from {@link #startConnecting()}, or
 * on first use), so that an application starts while Redis is down; a connection
 * attempt never holds a request longer than the timeout (it goes on in the
 * background), and once connected Lettuce reconnects by itself.
 * <p>
 * Scripts are run by their SHA-1 ({@code EVALSHA}), so a request carries 40 characters
 * rather than the script's text, and Redis does not hash the text again for every
 * request. A Redis that does not have the script (restarted, flushed, failed over to
 * a replica that never ran it) answers {@code NOSCRIPT}, and the script is then sent
 * whole ({@code EVAL}), which also makes Redis keep it: one more round trip, once per
 * script and Redis server.
 *
 * @param <K> the key type, {@code byte[]}
 */
public final class LettuceConnection<K> implements RedisApi<K>, AutoCloseable {

	/**
	 * Each connection attempt runs on a thread of its own, which ends with it: Lettuce's
	 * {@code connect} blocks for up to its connect timeout, and on the common pool it
	 * would hold one of the few threads the whole application shares while Redis is
	 * away. Attempts come one at a time.
	 */
	private static final ThreadFactory CONNECTING = new DaemonThreads("tollgate-redis-connect");

	private final Supplier<Commands<K>> connector;

	private final boolean cluster;

	private final Duration timeout;

	private final LongAdder commandsSent = new LongAdder();

	/** The SHA-1 of each script, by its text: the few scripts of the code, each digested once. */
	private final Map<String, String> digests = new ConcurrentHashMap<>();

	private volatile @Nullable Commands<K> commands;

	private @Nullable CompletableFuture<Commands<K>> connecting;

	private LettuceConnection(Supplier<Commands<K>> connector, boolean cluster, Duration timeout) {
		this.connector = connector;
		this.cluster = cluster;
		this.timeout = timeout;
	}

	/**
	 * A connection on a Lettuce client.
	 * @param client a {@link RedisClient} (standalone or Sentinel) or a
	 * {@link RedisClusterClient}
	 * @param timeout the longest a request waits for a connection to be made
	 * @return the connection, not yet connected
	 */
	public static LettuceConnection<byte[]> on(AbstractRedisClient client, Duration timeout) {
		if (client instanceof RedisClusterClient cluster) {
			return new LettuceConnection<>(() -> Commands.of(cluster.connect(ByteArrayCodec.INSTANCE)), true, timeout);
		}
		if (client instanceof RedisClient standalone) {
			return new LettuceConnection<>(() -> Commands.of(standalone.connect(ByteArrayCodec.INSTANCE)), false,
					timeout);
		}
		throw new IllegalArgumentException("Unsupported Lettuce client " + client.getClass().getName());
	}

	@Override
	public <V> RedisFuture<V> eval(String script, ScriptOutputType type, K[] keys, byte[][] params) {
		Commands<K> commands = commands();
		this.commandsSent.increment();
		RedisFuture<V> byDigest = commands.evalsha(digest(commands, script), type, keys, params);
		RedisAnswer<V> answer = new RedisAnswer<>(byDigest);
		byDigest.whenComplete((value, failure) -> {
			if (failure instanceof RedisNoScriptException && !answer.isCancelled()) {
				this.commandsSent.increment();
				answer.follow(commands.<V>eval(script, type, keys, params));
			}
			else {
				answer.settle(value, failure);
			}
		});
		return answer;
	}

	/** A plain read once the script is known: no method reference captured per request. */
	private String digest(Commands<K> commands, String script) {
		String digest = this.digests.get(script);
		return (digest != null) ? digest : this.digests.computeIfAbsent(script, commands::digest);
	}

	@Override
	public RedisFuture<byte[]> get(K key) {
		this.commandsSent.increment();
		return commands().get(key);
	}

	@Override
	public RedisFuture<?> delete(K key) {
		this.commandsSent.increment();
		return commands().delete(key);
	}

	/**
	 * Whether the connection is to a Redis Cluster, whose masters each hold some of
	 * the keys.
	 * @return {@code true} on a cluster client
	 */
	public boolean isCluster() {
		return this.cluster;
	}

	/**
	 * The Cluster master that holds a key, as far as the connection knows the
	 * cluster's topology.
	 * @param key the key
	 * @return the master's {@code host:port}; the empty string before the connection
	 * is made, on a connection that is not to a cluster, or for a slot no master holds
	 */
	public String nodeOf(byte[] key) {
		Commands<K> connected = this.commands;
		return (connected != null) ? connected.nodeOf(key) : "";
	}

	/**
	 * The commands Bucket4j has sent through this connection, each one round trip.
	 * @return the number of commands since start-up
	 */
	public long getCommandsSent() {
		return this.commandsSent.sum();
	}

	/**
	 * Ask Redis whether it is there.
	 * @return Redis's answer, {@code PONG}
	 * @throws RuntimeException if Redis does not answer within the timeout
	 */
	public String ping() {
		try {
			return commands().ping().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedisConnectionException("Interrupted while pinging Redis", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new RedisConnectionException("Redis did not answer PING", ex);
		}
	}

	private Commands<K> commands() {
		Commands<K> connected = this.commands;
		return (connected != null) ? connected : connect();
	}

	/**
	 * Start connecting in the background, without waiting, so that the first request
	 * finds the connection made rather than waiting for it, and giving up after the
	 * timeout. Requests try again if this attempt fails.
	 */
	public void startConnecting() {
		connectionAttempt();
	}

	/** Whether a connection attempt was started, whatever became of it. */
	synchronized boolean connectionStarted() {
		return this.connecting != null;
	}

	private synchronized CompletableFuture<Commands<K>> connectionAttempt() {
		if (this.connecting == null || this.connecting.isCompletedExceptionally()) {
			this.connecting = CompletableFuture.supplyAsync(this.connector,
					(attempt) -> CONNECTING.newThread(attempt).start());
		}
		return this.connecting;
	}

	private Commands<K> connect() {
		CompletableFuture<Commands<K>> attempt = connectionAttempt();
		try {
			Commands<K> connected = attempt.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			this.commands = connected;
			return connected;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedisConnectionException("Interrupted while connecting to Redis", ex);
		}
		catch (ExecutionException ex) {
			throw new RedisConnectionException("Could not connect to Redis", ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new RedisConnectionException("No connection to Redis within " + this.timeout.toMillis() + " ms");
		}
	}

	@Override
	public synchronized void close() {
		if (this.connecting != null) {
			this.connecting.thenAccept(Commands::close);
		}
	}

	/**
	 * The few commands Tollgate uses, on a standalone or a cluster connection.
	 */
	private interface Commands<K> {

		<V> RedisFuture<V> eval(String script, ScriptOutputType type, K[] keys, byte[][] params);

		<V> RedisFuture<V> evalsha(String digest, ScriptOutputType type, K[] keys, byte[][] params);

		/** The script's SHA-1, as Lettuce encodes the script it sends (no command). */
		String digest(String script);

		RedisFuture<byte[]> get(K key);

		RedisFuture<Long> delete(K key);

		RedisFuture<String> ping();

		/** The master that holds a key, {@code host:port}, or the empty string. */
		String nodeOf(byte[] key);

		void close();

		static <K> Commands<K> of(StatefulRedisConnection<K, byte[]> connection) {
			return of(connection.async(), connection, (key) -> "");
		}

		static <K> Commands<K> of(StatefulRedisClusterConnection<K, byte[]> connection) {
			return of(connection.async(), connection, (key) -> masterOf(connection.getPartitions(), key));
		}

		/** The master of a key's slot in the topology the connection last learnt. */
		private static String masterOf(Partitions partitions, byte[] key) {
			RedisClusterNode master = partitions.getPartitionBySlot(SlotHash.getSlot(key));
			return (master != null) ? master.getUri().getHost() + ':' + master.getUri().getPort() : "";
		}

		/** Standalone and cluster commands share these interfaces. */
		private static <K, C extends RedisStringAsyncCommands<K, byte[]> & RedisScriptingAsyncCommands<K, byte[]>
				& RedisKeyAsyncCommands<K, byte[]> & BaseRedisAsyncCommands<K, byte[]>> Commands<K> of(C async,
						StatefulConnection<K, byte[]> connection, Function<byte[], String> masters) {
			return new Commands<>() {

				@Override
				public <V> RedisFuture<V> eval(String script, ScriptOutputType type, K[] keys, byte[][] params) {
					return async.eval(script, type, keys, params);
				}

				@Override
				public <V> RedisFuture<V> evalsha(String digest, ScriptOutputType type, K[] keys, byte[][] params) {
					return async.evalsha(digest, type, keys, params);
				}

				@Override
				public String digest(String script) {
					return async.digest(script);
				}

				@Override
				public RedisFuture<byte[]> get(K key) {
					return async.get(key);
				}

				@Override
				@SuppressWarnings("unchecked")
				public RedisFuture<Long> delete(K key) {
					return async.del(key);
				}

				@Override
				public RedisFuture<String> ping() {
					return async.ping();
				}

				@Override
				public String nodeOf(byte[] key) {
					return masters.apply(key);
				}

				@Override
				public void close() {
					closeQuietly(connection);
				}

			};
		}

		/**
		 * Close, unless closed already: Spring Data's connection factory shuts its
		 * client down, and with it this connection, when the application stops, before
		 * beans are destroyed; closing it again, Lettuce would warn.
		 */
		private static void closeQuietly(StatefulConnection<?, ?> connection) {
			try {
				if (connection.isOpen()) {
					connection.close();
				}
			}
			catch (RuntimeException ex) {
				// closing on shutdown; nothing left to do
			}
		}

	}

}
