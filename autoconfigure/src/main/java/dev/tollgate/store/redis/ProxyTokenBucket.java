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
 * Each proxy is made when first used: a request whose limits are started together
 * never makes the synchronous one.
 */
final class ProxyTokenBucket implements TokenBucket {

	private final Supplier<Bucket> proxies;

	private @Nullable Bucket proxy;

	private final @Nullable Supplier<AsyncBucketProxy> asyncProxies;

	/**
	 * Create a bucket.
	 * @param proxies makes the synchronous proxy
	 * @param asyncProxies makes an asynchronous proxy of the same bucket, or
	 * {@code null} when there is none (a consumption started is then made at once)
	 */
	ProxyTokenBucket(Supplier<Bucket> proxies, @Nullable Supplier<AsyncBucketProxy> asyncProxies) {
		this.proxies = proxies;
		this.asyncProxies = asyncProxies;
	}

	/**
	 * A bucket over a proxy already made: one found, or one whose Bucket4j optimization
	 * keeps state between requests when the proxy manager has no asynchronous mode.
	 * @param proxy the proxy
	 * @return the bucket, with no asynchronous proxy
	 */
	static ProxyTokenBucket of(Bucket proxy) {
		return new ProxyTokenBucket(() -> proxy, null);
	}

	/** The synchronous proxy, made on first use (a race at worst makes two alike). */
	private Bucket proxy() {
		Bucket proxy = this.proxy;
		if (proxy == null) {
			proxy = this.proxies.get();
			this.proxy = proxy;
		}
		return proxy;
	}

	@Override
	public ConsumptionProbe tryConsume(long tokens, long @Nullable [] available) {
		if (available == null) {
			return proxy().tryConsumeAndReturnRemaining(tokens);
		}
		return withAvailable(proxy().asVerbose().tryConsumeAndReturnRemaining(tokens), available);
	}

	@Override
	public CompletableFuture<ConsumptionProbe> tryConsumeAsync(long tokens, long @Nullable [] available) {
		if (this.asyncProxies == null) {
			return TokenBucket.super.tryConsumeAsync(tokens, available);
		}
		return startConsume(this.asyncProxies.get(), tokens, available);
	}

	/** A consumption started on an asynchronous proxy, as {@link #tryConsumeAsync} answers it. */
	static CompletableFuture<ConsumptionProbe> startConsume(AsyncBucketProxy proxy, long tokens,
			long @Nullable [] available) {
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
		proxy().addTokens(tokens);
	}

	@Override
	public CompletableFuture<Void> addTokensAsync(long tokens) {
		if (this.asyncProxies == null) {
			return TokenBucket.super.addTokensAsync(tokens);
		}
		return this.asyncProxies.get().addTokens(tokens);
	}

	@Override
	public long availableTokens() {
		return proxy().getAvailableTokens();
	}

	@Override
	public long nanosToFull() {
		return proxy().asVerbose().getAvailableTokens().getDiagnostics().calculateFullRefillingTime();
	}

}
