package dev.tollgate.key;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Hashes what an application's own {@link RateLimitKeyResolver} returns, since
 * Tollgate cannot know whether it is a credential.
 */
public final class HashingKeyResolver implements RateLimitKeyResolver {

	private final RateLimitKeyResolver delegate;

	private final KeyHasher hasher;

	public HashingKeyResolver(RateLimitKeyResolver delegate, KeyHasher hasher) {
		this.delegate = delegate;
		this.hasher = hasher;
	}

	@Override
	public @Nullable String resolveKey(HttpServletRequest request) {
		String key = this.delegate.resolveKey(request);
		return (key != null && !key.isEmpty()) ? this.hasher.hash(key) : null;
	}

}
