package dev.tollgate.store.redis;

import java.util.concurrent.CompletableFuture;

import dev.tollgate.store.TokenBucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import org.jspecify.annotations.Nullable;

/**
 * A bucket in Redis over one asynchronous Bucket4j proxy that serves every operation,
 * for the optimizations (batching, delaying) that keep state in their proxy: the
 * bucket's state stays in one proxy, and a consumption can still be started and
 * awaited later, so that a request's limits travel together. An operation asked for
 * synchronously awaits its answer.
 */
final class AsyncProxyTokenBucket implements TokenBucket {

	private final AsyncBucketProxy proxy;

	AsyncProxyTokenBucket(AsyncBucketProxy proxy) {
		this.proxy = proxy;
	}

	@Override
	public ConsumptionProbe tryConsume(long tokens, long @Nullable [] available) {
		return TokenBucket.await(tryConsumeAsync(tokens, available));
	}

	@Override
	public CompletableFuture<ConsumptionProbe> tryConsumeAsync(long tokens, long @Nullable [] available) {
		return ProxyTokenBucket.startConsume(this.proxy, tokens, available);
	}

	@Override
	public void addTokens(long tokens) {
		TokenBucket.await(addTokensAsync(tokens));
	}

	@Override
	public CompletableFuture<Void> addTokensAsync(long tokens) {
		return this.proxy.addTokens(tokens);
	}

	@Override
	public long availableTokens() {
		return TokenBucket.await(this.proxy.getAvailableTokens());
	}

	@Override
	public long nanosToFull() {
		return TokenBucket.await(this.proxy.asVerbose().getAvailableTokens())
			.getDiagnostics()
			.calculateFullRefillingTime();
	}

}
