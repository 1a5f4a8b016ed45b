package dev.tollgate.key;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Resolves the key from a request header, such as an API key or the
 * {@code Authorization} token. The value is hashed: it is usually a credential.
 */
public final class HeaderKeyResolver implements RateLimitKeyResolver {

	private final String headerName;

	private final KeyHasher hasher;

	public HeaderKeyResolver(String headerName, KeyHasher hasher) {
		this.headerName = headerName;
		this.hasher = hasher;
	}

	@Override
	public @Nullable String resolveKey(HttpServletRequest request) {
		String value = request.getHeader(this.headerName);
		if (value == null || value.isBlank()) {
			return null;
		}
		return this.hasher.hash(value.strip());
	}

}
