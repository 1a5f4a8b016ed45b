package dev.tollgate.store;

import io.github.bucket4j.ConsumptionProbe;
import org.jspecify.annotations.Nullable;

/**
 * One key's bucket under one limit, with the operations the limiter and the Actuator
 * endpoint need. Stores implement it over Bucket4j: the in-memory store over a bare
 * {@code BucketState}, the Redis store over a {@code BucketProxy}.
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
	 * Give tokens back, up to the capacity.
	 * @param tokens the tokens to give back
	 */
	void addTokens(long tokens);

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
