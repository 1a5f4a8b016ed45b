package dev.tollgate.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.github.bucket4j.ConsumptionProbe;
import org.jspecify.annotations.Nullable;

/**
 * One key's bucket under one limit, with the operations the limiter and the Actuator
 * endpoint need. Stores implement it over Bucket4j: the in-memory store applies
 * Bucket4j's arithmetic to a row of its table, the Redis store uses a {@code BucketProxy}.
 */
public interface TokenBucket {

	/**
	 * Consume tokens if there are enough.
	 * @param tokens the tokens to consume
	 * @param available when not {@code null}, filled with each bandwidth's tokens
	 * after the attempt, in the order of the limit's rates
	 * @return Bucket4j's answer: consumed or not, remaining tokens, waits
	 */
	ConsumptionProbe tryConsume(long tokens, long @Nullable [] available);

	/**
	 * Start consuming tokens, to be awaited later: a bucket in another process sends
	 * the request and returns, so that the requests of several limits travel
	 * together. By default the bucket consumes at once.
	 * @param tokens the tokens to consume
	 * @param available as for {@link #tryConsume}, filled by the time the answer is
	 * @return Bucket4j's answer, once it has come
	 */
	default CompletableFuture<ConsumptionProbe> tryConsumeAsync(long tokens, long @Nullable [] available) {
		try {
			return CompletableFuture.completedFuture(tryConsume(tokens, available));
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/**
	 * Give tokens back, up to the capacity.
	 * @param tokens the tokens to give back
	 */
	void addTokens(long tokens);

	/**
	 * Start giving tokens back, to be awaited later: a bucket in another process sends
	 * the request and returns, so that the refunds of several limits travel together.
	 * By default the bucket gives them back at once.
	 * @param tokens the tokens to give back
	 * @return done once they are back
	 */
	default CompletableFuture<Void> addTokensAsync(long tokens) {
		try {
			addTokens(tokens);
			return CompletableFuture.completedFuture(null);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/**
	 * Wait for an answer a bucket started.
	 * @param <T> the answer's type
	 * @param answer the answer
	 * @return its value
	 * @throws RuntimeException what it failed with, as the synchronous operation
	 * would have thrown it, not wrapped in a {@code CompletionException}
	 */
	static <T> T await(CompletableFuture<T> answer) {
		try {
			return answer.join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
	}

	/**
	 * The tokens available now.
	 * @return the available tokens
	 */
	long availableTokens();

	/**
	 * The time until the bucket is full again.
	 * @return nanoseconds, 0 when full
	 */
	long nanosToFull();

}
