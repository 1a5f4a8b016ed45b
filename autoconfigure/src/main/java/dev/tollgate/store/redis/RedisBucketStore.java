package dev.tollgate.store.redis;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.tollgate.rule.Bandwidths;
import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.store.BucketStore;
import dev.tollgate.store.TokenBucket;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.RemoteAsyncBucketBuilder;
import io.github.bucket4j.distributed.proxy.RemoteBucketBuilder;
import io.github.bucket4j.distributed.proxy.optimization.Optimization;
import org.jspecify.annotations.Nullable;

/**
 * Keeps buckets in Redis through a Bucket4j {@link ProxyManager}, so that every
 * instance of an application shares one limit. Keys are
 * {@code <prefix>:<limit>:<key>}, the key already hashed where it may be a credential;
 * the proxy manager sets a TTL on every key, so Redis never fills with dead buckets.
 * A retuned limit, or a key that changed plan, reaches existing buckets through
 * Bucket4j's implicit configuration replacement, keeping the tokens they have used;
 * the configuration's version is a wall-clock time, so the newest decision wins.
 */
public final class RedisBucketStore implements BucketStore {

	private final ProxyManager<byte[]> proxyManager;

	private final String keyPrefix;

	private final @Nullable Optimization optimization;

	private final @Nullable Cache<String, TokenBucket> optimizedBuckets;

	private final @Nullable Function<byte[], String> masters;

	/**
	 * Create a new store on one Redis server (standalone, or a Sentinel's master).
	 * @param proxyManager the Bucket4j proxy manager on Redis
	 * @param keyPrefix the first part of every Redis key
	 * @param optimization a Bucket4j optimization (batching, delaying), or {@code null}
	 * @param maximumKeys the most optimized bucket proxies kept in memory, which hold
	 * local state
	 */
	public RedisBucketStore(ProxyManager<byte[]> proxyManager, String keyPrefix, @Nullable Optimization optimization,
			long maximumKeys) {
		this(proxyManager, keyPrefix, optimization, maximumKeys, null);
	}

	/**
	 * Create a new store on Redis, on a Cluster if its masters are given.
	 * @param proxyManager the Bucket4j proxy manager on Redis
	 * @param keyPrefix the first part of every Redis key
	 * @param optimization a Bucket4j optimization (batching, delaying), or {@code null}
	 * @param maximumKeys the most optimized bucket proxies kept in memory, which hold
	 * local state
	 * @param masters the Cluster master that holds a Redis key ({@link #nodeOf}), or
	 * {@code null} for one Redis server
	 */
	public RedisBucketStore(ProxyManager<byte[]> proxyManager, String keyPrefix, @Nullable Optimization optimization,
			long maximumKeys, @Nullable Function<byte[], String> masters) {
		this.proxyManager = proxyManager;
		this.keyPrefix = keyPrefix;
		this.optimization = optimization;
		this.optimizedBuckets = (optimization != null) ? Caffeine.newBuilder().maximumSize(maximumKeys).build() : null;
		this.masters = masters;
	}

	@Override
	public TokenBucket bucket(RateLimitRule rule, String key, Bandwidths bandwidths, long version) {
		if (this.optimizedBuckets == null) {
			return newProxy(rule, key, bandwidths, version);
		}
		String cacheKey = rule.getName() + ':' + version + ':' + key;
		return this.optimizedBuckets.get(cacheKey, (ignored) -> newProxy(rule, key, bandwidths, version));
	}

	/**
	 * A bucket's proxies. With an optimization, which keeps its state in the proxy, one
	 * proxy per bucket, asynchronous where the proxy manager allows, so that a request's
	 * limits are still started together; without, each proxy is made on first use, and
	 * the asynchronous one lets a request's limits be started together.
	 */
	private TokenBucket newProxy(RateLimitRule rule, String key, Bandwidths bandwidths, long version) {
		byte[] redisKey = redisKey(rule, key);
		boolean async = this.proxyManager.isAsyncModeSupported();
		if (this.optimization != null) {
			return async ? new AsyncProxyTokenBucket(asyncProxy(redisKey, bandwidths, version, this.optimization))
					: ProxyTokenBucket.of(proxy(redisKey, bandwidths, version, this.optimization));
		}
		Supplier<AsyncBucketProxy> asyncProxies = async ? () -> asyncProxy(redisKey, bandwidths, version, null)
				: null;
		return new ProxyTokenBucket(() -> proxy(redisKey, bandwidths, version, null), asyncProxies);
	}

	/** An asynchronous proxy that brings the bucket in Redis to this configuration version. */
	private AsyncBucketProxy asyncProxy(byte[] redisKey, Bandwidths bandwidths, long version,
			@Nullable Optimization optimization) {
		RemoteAsyncBucketBuilder<byte[]> builder = this.proxyManager.asAsync()
			.builder()
			.withImplicitConfigurationReplacement(version, TokensInheritanceStrategy.ADDITIVE);
		return ((optimization != null) ? builder.withOptimization(optimization) : builder).build(redisKey,
				() -> CompletableFuture.completedFuture(bandwidths.configuration()));
	}

	/** A synchronous proxy that brings the bucket in Redis to this configuration version. */
	private Bucket proxy(byte[] redisKey, Bandwidths bandwidths, long version, @Nullable Optimization optimization) {
		RemoteBucketBuilder<byte[]> builder = this.proxyManager.builder()
			.withImplicitConfigurationReplacement(version, TokensInheritanceStrategy.ADDITIVE);
		return ((optimization != null) ? builder.withOptimization(optimization) : builder).build(redisKey,
				bandwidths::configuration);
	}

	/**
	 * The Cluster master that holds the bucket's Redis key, so that each master gets a
	 * circuit breaker of its own; the empty string on one Redis server.
	 */
	@Override
	public String nodeOf(RateLimitRule rule, String key) {
		return (this.masters != null) ? this.masters.apply(redisKey(rule, key)) : "";
	}

	@Override
	public @Nullable TokenBucket find(RateLimitRule rule, String key) {
		byte[] redisKey = redisKey(rule, key);
		return this.proxyManager.getProxyConfiguration(redisKey).isPresent()
				? ProxyTokenBucket.of(this.proxyManager.builder().build(redisKey, rule.getBandwidths().configuration()))
				: null;
	}

	@Override
	public boolean remove(RateLimitRule rule, String key) {
		byte[] redisKey = redisKey(rule, key);
		boolean present = this.proxyManager.getProxyConfiguration(redisKey).isPresent();
		this.proxyManager.removeProxy(redisKey);
		if (this.optimizedBuckets != null) {
			this.optimizedBuckets.asMap().keySet().removeIf((cached) -> cached.startsWith(rule.getName() + ':')
					&& cached.endsWith(':' + key));
		}
		return present;
	}

	/**
	 * The Redis key of one bucket.
	 * @param rule the limit
	 * @param key the key, already resolved
	 * @return {@code <prefix>:<limit>:<key>} in UTF-8
	 */
	public byte[] redisKey(RateLimitRule rule, String key) {
		return (this.keyPrefix + ':' + rule.getName() + ':' + key).getBytes(StandardCharsets.UTF_8);
	}

}
