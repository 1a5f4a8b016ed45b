package dev.tollgate.store.redis;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import dev.tollgate.store.TokenBucket;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import org.jspecify.annotations.Nullable;

/**
 * A bucket in Redis, over a Bucket4j proxy: each operation is a round trip (or two).
 * With an asynchronous proxy as well, a consumption can be started and awaited later.
 */
final class ProxyTokenBucket implements TokenBucket {

	private final Bucket proxy;

	private final @Nullable Supplier<AsyncBucketProxy> asyncProxy;

	/**
	 * Create a bucket.
	 * @param proxy the proxy
	 * @param asyncProxy makes an asynchronous proxy of the same bucket, or {@code null}
	 * when there is none (a consumption started is then made at once)
	 */
	ProxyTokenBucket(Bucket proxy, @Nullable Supplier<AsyncBucketProxy> asyncProxy) {
		this.proxy = proxy;
		this.asyncProxy = asyncProxy;
	}

	@Override
	public ConsumptionProbe tryConsume(long tokens, long @Nullable [] available) {
		if (available == null) {
			return this.proxy.tryConsumeAndReturnRemaining(tokens);
		}
		return withAvailable(this.proxy.asVerbose().tryConsumeAndReturnRemaining(tokens), available);
	}

	@Override
	public CompletableFuture<ConsumptionProbe> tryConsumeAsync(long tokens, long @Nullable [] available) {
		if (this.asyncProxy == null) {
			return TokenBucket.super.tryConsumeAsync(tokens, available);
		}
		AsyncBucketProxy proxy = this.asyncProxy.get();
		if (available == null) {
			return proxy.tryConsumeAndReturnRemaining(tokens);
		}
		return proxy.asVerbose()
			.tryConsumeAndReturnRemaining(tokens)
			.thenApply((result) -> withAvailable(result, available));
	}

	/** The answer, each bandwidth's tokens copied into {@code available}. */
	private static ConsumptionProbe withAvailable(VerboseResult<ConsumptionProbe> result, long[] available) {
		long[] perBandwidth = result.getDiagnostics().getAvailableTokensPerEachBandwidth();
		System.arraycopy(perBandwidth, 0, available, 0, Math.min(perBandwidth.length, available.length));
		return result.getValue();
	}

	@Override
	public void addTokens(long tokens) {
		this.proxy.addTokens(tokens);
	}

	@Override
	public long availableTokens() {
		return this.proxy.getAvailableTokens();
	}

	@Override
	public long nanosToFull() {
		return this.proxy.asVerbose().getAvailableTokens().getDiagnostics().calculateFullRefillingTime();
	}

}
