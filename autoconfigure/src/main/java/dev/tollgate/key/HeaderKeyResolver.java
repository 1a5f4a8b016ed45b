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

	private final HeaderKeyReader reader;

	/**
	 * A resolver that reads the header through the Servlet API.
	 * @param headerName the header
	 * @param hasher the hasher of its value
	 */
	public HeaderKeyResolver(String headerName, KeyHasher hasher) {
		this(headerName, hasher, HeaderKeyReader.servlet());
	}

	/**
	 * A resolver that reads the header as the server allows.
	 * @param headerName the header
	 * @param hasher the hasher of its value
	 * @param reader how the header is read
	 */
	public HeaderKeyResolver(String headerName, KeyHasher hasher, HeaderKeyReader reader) {
		this.headerName = headerName;
		this.hasher = hasher;
		this.reader = reader;
	}

	@Override
	public @Nullable String resolveKey(HttpServletRequest request) {
		return this.reader.read(request, this.headerName, this.hasher);
	}

}
