package dev.tollgate.store.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AbstractProxyManager;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.remote.CommandResult;
import io.github.bucket4j.distributed.remote.MutableBucketEntry;
import io.github.bucket4j.distributed.remote.Request;
import io.github.bucket4j.redis.lettuce.RedisApi;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import org.jspecify.annotations.Nullable;

/**
 * Bucket4j's compare-and-swap on Redis in one round trip instead of two, as exact.
 * <p>
 * Bucket4j's own Lettuce proxy manager reads a bucket's state ({@code GET}), computes
 * the request with it, and writes the result only if the state in Redis is still the
 * one it read (an {@code EVAL} of a compare-and-swap script), reading again when it is
 * not. This one remembers the state it last wrote or read for each key and skips the
 * read: the compare-and-swap checks the remembered state against Redis's just as it
 * checks a state just read, so a request that changes the bucket is admitted on
 * exactly the state it would have read. When another instance changed the bucket in
 * between, the script answers with Redis's state, and the request is computed again
 * on it: two round trips, as before. A request that changes nothing (a rejection, a
 * read) is never answered from what was remembered: it reads Redis first.
 * <p>
 * Each state is written with a tag of its own write ({@link WriteTags}), so that no
 * two writes leave the same value: a compare-and-swap that finds Redis holding exactly
 * what it writes is that same command, run before and sent again by Lettuce after a
 * dropped connection lost its answer, and it counts once.
 * <p>
 * So an allowed request costs one round trip when this instance was the last to
 * change its bucket, and two when another one was; a rejected one costs one. The
 * states remembered take memory (about 285 bytes of heap per key with one rate: the
 * state, its tag, the key and the cache's entry), at most {@code maximumKeys} of
 * them, the least recently used forgotten first; forgetting one only costs its next
 * request a read.
 * <p>
 * Each step follows Redis's answer to the one before without a thread waiting, and
 * Bucket4j's asynchronous API is offered: the requests of several buckets, such as a
 * request's limits, can be in flight together, in one round trip. The synchronous
 * API awaits the same steps. An asynchronous request fails on its timeout from a timer
 * thread of the proxy manager's own, which {@link #close()} stops: a proxy manager
 * that is a bean is closed with its application context.
 */
public final class LastKnownStateProxyManager extends AbstractProxyManager<byte[]> implements AutoCloseable {

	/**
	 * Sets {@code KEYS[1]} to {@code ARGV[2]} if it holds {@code ARGV[1]} (an empty
	 * {@code ARGV[1]}: if it does not exist), with a TTL of {@code ARGV[3]}
	 * milliseconds unless that is 0. Answers {@code {1}} when it did, or when the key
	 * already holds {@code ARGV[2]}: this very command, run before and sent again
	 * (every value written carries a {@link WriteTags tag} of its own write). Else
	 * answers {@code {0}} and what the key holds.
	 */
	static final String COMPARE_AND_SWAP = """
			local current = redis.call('get', KEYS[1])
			if (current or '') ~= ARGV[1] then
			  if current == ARGV[2] then
			    return {1}
			  end
			  return {0, current}
			end
			if ARGV[3] == '0' then
			  redis.call('set', KEYS[1], ARGV[2])
			else
			  redis.call('set', KEYS[1], ARGV[2], 'px', ARGV[3])
			end
			return {1}""";

	/** A bucket's key lives until the bucket would be full again, and 5 seconds more. */
	private static final ExpirationAfterWriteStrategy EXPIRATION = ExpirationAfterWriteStrategy
		.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(5));

	private static final byte[] NONE = new byte[0];

	private final RedisApi<byte[]> redis;

	/** The longest a request waits for Redis, retries included. */
	private final long timeoutNanos;

	/**
	 * Each key's value as this instance last saw it in Redis, the state and its tag
	 * ({@link #NONE}: none).
	 */
	private final Cache<ByteBuffer, byte[]> lastKnown;

	/** Makes each value written this proxy manager's own. */
	private final WriteTags tags = new WriteTags();

	/** Fails the asynchronous API's requests that Redis has not answered in time. */
	private final ScheduledThreadPoolExecutor timeouts;

	/**
	 * Create a new proxy manager.
	 * @param redis the commands
	 * @param timeout the longest a request waits for Redis, retries included
	 * @param clock the wall clock buckets refill by, or {@code null} for the system's
	 * @param maximumKeys the most keys whose state is remembered
	 */
	public LastKnownStateProxyManager(RedisApi<byte[]> redis, Duration timeout, @Nullable TimeMeter clock,
			long maximumKeys) {
		super(ClientSideConfig.getDefault()
			.withExpirationAfterWriteStrategy(EXPIRATION)
			.withRequestTimeout(timeout)
			.withClientClock((clock != null) ? clock : TimeMeter.SYSTEM_MILLISECONDS));
		this.redis = redis;
		this.timeoutNanos = timeout.toNanos();
		this.lastKnown = Caffeine.newBuilder().maximumSize(maximumKeys).executor(Runnable::run).build();
		this.timeouts = new ScheduledThreadPoolExecutor(1, new DaemonThreads("tollgate-redis-timeouts"));
		this.timeouts.setRemoveOnCancelPolicy(true);
		this.timeouts.prestartCoreThread();
	}

	@Override
	public <T> CommandResult<T> execute(byte[] key, Request<T> request) {
		Deadline deadline = new Deadline(this.timeoutNanos);
		return await(answer(key, request, deadline), deadline);
	}

	/**
	 * The request's answer, failing once the request timeout has passed (the
	 * synchronous API waits as long instead, without a timer).
	 */
	@Override
	protected <T> CompletableFuture<CommandResult<T>> executeAsync(byte[] key, Request<T> request) {
		Deadline deadline = new Deadline(this.timeoutNanos);
		CompletableFuture<CommandResult<T>> answer = answer(key, request, deadline);
		if (answer.isDone()) {
			return answer;
		}
		CompletableFuture<CommandResult<T>> timed = new CompletableFuture<>();
		ScheduledFuture<?> timer;
		try {
			timer = this.timeouts.schedule(() -> {
				deadline.giveUp();
				timed.completeExceptionally(timedOut(this.timeoutNanos));
			}, this.timeoutNanos, TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			return answer; // closed, on shutdown: Lettuce's own command timeout still bounds the wait
		}
		answer.whenComplete((result, failure) -> {
			timer.cancel(false);
			if (failure != null) {
				// a request given up on fails on its timeout, not on the cancellation it caused
				timed.completeExceptionally(deadline.isGivenUp() ? timedOut(this.timeoutNanos) : failure);
			}
			else {
				timed.complete(result);
			}
		});
		return timed;
	}

	/**
	 * Stop the timer of the asynchronous API's requests. Its thread is the proxy
	 * manager's own, started with it, not the JDK's shared one behind
	 * {@code CompletableFuture.orTimeout}, which, started from a request, would outlive
	 * the application holding its class loader (a leak Tomcat reports when the
	 * application stops).
	 */
	@Override
	public void close() {
		this.timeouts.shutdownNow();
	}

	/**
	 * The request's answer, once Redis has confirmed the state it was computed on.
	 * Nothing waits: each step follows Redis's answer to the one before, so the
	 * requests of several buckets can be in flight together. No step starts once the
	 * request timeout has passed, and the command in flight when its caller gives up is
	 * cancelled: a request its caller gave up on writes nothing more.
	 */
	private <T> CompletableFuture<CommandResult<T>> answer(byte[] key, Request<T> request, Deadline deadline) {
		KeyState state = new KeyState(key);
		byte[] known = state.remembered();
		return (known != null) ? attempt(state, request, known, false, deadline)
				: deadline.then(() -> state.read(deadline))
					.thenCompose((original) -> attempt(state, request, original, true, deadline));
	}

	/**
	 * Compute the request on a state and write the result if Redis still holds that
	 * state; otherwise compute it again on what Redis holds. A request that writes
	 * nothing is answered only on a state just read from Redis.
	 * @param original the value computed on, a tagged state ({@link #NONE}: no bucket)
	 * @param verified whether it was just read from Redis, not remembered
	 */
	private <T> CompletableFuture<CommandResult<T>> attempt(KeyState state, Request<T> request, byte[] original,
			boolean verified, Deadline deadline) {
		MutableBucketEntry entry = new MutableBucketEntry((original == NONE) ? null : WriteTags.state(original));
		CommandResult<T> result = request.getCommand().execute(entry, getClientSideTime());
		if (!entry.isStateModified()) {
			return verified ? CompletableFuture.completedFuture(result) : deadline.then(() -> state.read(deadline))
				.thenCompose((current) -> attempt(state, request, current, true, deadline));
		}
		byte[] written = this.tags.tagged(entry.getStateBytes(request.getBackwardCompatibilityVersion()));
		long ttlMillis = EXPIRATION.calculateTimeToLiveMillis(entry.get(), currentTimeNanos());
		return deadline.then(() -> state.compareAndSwap(original, written, ttlMillis, deadline))
			.thenCompose((found) -> (found == null) ? CompletableFuture.completedFuture(result)
					: attempt(state, request, found, true, deadline));
	}

	@Override
	public void removeProxy(byte[] key) {
		await(removeAsync(key), new Deadline(this.timeoutNanos));
	}

	@Override
	protected CompletableFuture<Void> removeAsync(byte[] key) {
		new KeyState(key).forget();
		return this.redis.delete(key).toCompletableFuture().thenApply((deleted) -> null);
	}

	@Override
	public boolean isAsyncModeSupported() {
		return true;
	}

	@Override
	public boolean isExpireAfterWriteSupported() {
		return true;
	}

	/**
	 * The number of keys whose state is remembered.
	 * @return an estimate
	 */
	public long rememberedKeys() {
		return this.lastKnown.estimatedSize();
	}

	/** Wait for an answer, at most the request timeout, then give up. */
	private <V> V await(CompletableFuture<V> answer, Deadline deadline) {
		try {
			return answer.get(this.timeoutNanos, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			deadline.giveUp();
			answer.cancel(true);
			Thread.currentThread().interrupt();
			throw new RedisException(ex);
		}
		catch (java.util.concurrent.TimeoutException ex) {
			deadline.giveUp();
			throw timedOut(this.timeoutNanos);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw new RedisException("Unexpected exception while processing command", ex.getCause());
		}
	}

	/**
	 * When a request's time is up, on the monotonic clock, and the command it waits
	 * for.
	 */
	private static final class Deadline {

		private final long timeoutNanos;

		private final long startedAt = System.nanoTime();

		private volatile @Nullable Future<?> inFlight;

		private volatile boolean givenUp;

		Deadline(long timeoutNanos) {
			this.timeoutNanos = timeoutNanos;
		}

		/** Take the next step, unless the time is up. */
		<V> CompletableFuture<V> then(Supplier<CompletableFuture<V>> step) {
			if (this.givenUp || System.nanoTime() - this.startedAt > this.timeoutNanos) {
				return CompletableFuture.failedFuture(timedOut(this.timeoutNanos));
			}
			return step.get();
		}

		/**
		 * A command the request now waits for, cancelled if the request has been given
		 * up on meanwhile.
		 */
		<F extends Future<?>> F sent(F command) {
			this.inFlight = command;
			if (this.givenUp) {
				command.cancel(false);
			}
			return command;
		}

		/** Whether the request was given up on. */
		boolean isGivenUp() {
			return this.givenUp;
		}

		/**
		 * Give the request up: cancel the command it waits for. Lettuce never writes a
		 * cancelled command: one it holds while its connection is down, to send once it
		 * is back (after a failover, say), then changes no bucket for a request already
		 * answered by the failure policy.
		 */
		void giveUp() {
			this.givenUp = true;
			Future<?> command = this.inFlight;
			if (command != null) {
				command.cancel(false);
			}
		}

	}

	private static io.github.bucket4j.TimeoutException timedOut(long nanos) {
		return new io.github.bucket4j.TimeoutException("No answer from Redis within " + nanos + " ns", nanos, nanos);
	}

	/** One key: its remembered state, and the two commands, which keep it up to date. */
	private final class KeyState {

		private final byte[] key;

		private final ByteBuffer id;

		KeyState(byte[] key) {
			this.key = key;
			this.id = ByteBuffer.wrap(key);
		}

		byte @Nullable [] remembered() {
			return LastKnownStateProxyManager.this.lastKnown.getIfPresent(this.id);
		}

		void forget() {
			LastKnownStateProxyManager.this.lastKnown.invalidate(this.id);
		}

		/** The state in Redis, {@link #NONE} if there is none. */
		CompletableFuture<byte[]> read(Deadline deadline) {
			return deadline.sent(LastKnownStateProxyManager.this.redis.get(this.key).toCompletableFuture())
				.thenApply((state) -> remember((state != null) ? state : NONE));
		}

		/**
		 * Write {@code written} if Redis holds {@code expected}.
		 * @return {@code null} if it was written, else what Redis holds
		 */
		CompletableFuture<byte @Nullable []> compareAndSwap(byte[] expected, byte[] written, long ttlMillis,
				Deadline deadline) {
			byte[][] arguments = { expected, written,
					Long.toString(Math.max(ttlMillis, 0)).getBytes(StandardCharsets.US_ASCII) };
			RedisFuture<List<Object>> answer = LastKnownStateProxyManager.this.redis.eval(COMPARE_AND_SWAP,
					ScriptOutputType.MULTI, new byte[][] { this.key }, arguments);
			return deadline.sent(answer.toCompletableFuture()).thenApply((reply) -> {
				if (((Long) reply.get(0)) == 1) {
					remember(written);
					return null;
				}
				Object current = (reply.size() > 1) ? reply.get(1) : null;
				return remember((current instanceof byte[] bytes) ? bytes : NONE);
			});
		}

		private byte[] remember(byte[] state) {
			LastKnownStateProxyManager.this.lastKnown.put(this.id, state);
			return state;
		}

	}

}
