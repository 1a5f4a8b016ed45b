package dev.tollgate.store.redis;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.RedisFuture;
import org.jspecify.annotations.Nullable;

/**
 * An answer from Redis that Tollgate completes itself, such as a script's, whichever
 * command it took: a {@link RedisFuture}, as Bucket4j's {@code RedisApi} returns.
 *
 * @param <V> the answer's type
 */
final class RedisAnswer<V> extends CompletableFuture<V> implements RedisFuture<V> {

	/** The command whose outcome this answer waits for, if any. */
	private volatile @Nullable Future<?> command;

	/** An answer that no command settles but the caller. */
	RedisAnswer() {
	}

	/**
	 * An answer that waits for a command: cancelling the answer cancels the command,
	 * which Lettuce then never writes, if it has not yet.
	 * @param command the command
	 */
	RedisAnswer(Future<?> command) {
		this.command = command;
	}

	/**
	 * Complete with another command's outcome, which the answer now waits for: a
	 * command started after the answer was cancelled is cancelled too.
	 * @param next the command
	 */
	void follow(RedisFuture<V> next) {
		this.command = next;
		if (isCancelled()) {
			next.cancel(false);
		}
		next.whenComplete(this::settle);
	}

	@Override
	public boolean cancel(boolean mayInterruptIfRunning) {
		boolean cancelled = super.cancel(mayInterruptIfRunning);
		Future<?> waitedFor = this.command;
		if (cancelled && waitedFor != null) {
			waitedFor.cancel(false);
		}
		return cancelled;
	}

	/**
	 * Complete with another command's outcome.
	 * @param value its answer, when it succeeded
	 * @param failure why it failed, or {@code null}
	 */
	void settle(@Nullable V value, @Nullable Throwable failure) {
		if (failure != null) {
			completeExceptionally(failure);
		}
		else {
			complete(value);
		}
	}

	@Override
	public @Nullable String getError() {
		if (!isCompletedExceptionally()) {
			return null;
		}
		try {
			join();
			return null;
		}
		catch (RuntimeException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			return cause.getMessage();
		}
	}

	@Override
	public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
		try {
			get(timeout, unit);
			return true;
		}
		catch (ExecutionException ex) {
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
	}

}
