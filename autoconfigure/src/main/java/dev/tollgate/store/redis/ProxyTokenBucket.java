package dev.tollgate.store.redis;

import dev.tollgate.store.TokenBucket;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.VerboseResult;
import org.jspecify.annotations.Nullable;

/**
 * A bucket in Redis, over a Bucket4j proxy: each operation is a round trip (or two).
 */
final class ProxyTokenBucket implements TokenBucket {

	private final Bucket proxy;

	ProxyTokenBucket(Bucket proxy) {
		this.proxy = proxy;
	}

	@Override
	public ConsumptionProbe tryConsume(long tokens, long @Nullable [] available) {
		if (available == null) {
			return this.proxy.tryConsumeAndReturnRemaining(tokens);
		}
		VerboseResult<ConsumptionProbe> result = this.proxy.asVerbose().tryConsumeAndReturnRemaining(tokens);
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
