package dev.tollgate.key;

import java.util.Map;
import java.util.TreeSet;

/**
 * Turns a key as written in configuration or an annotation into a resolver:
 * {@code ip}, {@code header:<Name>}, {@code principal}, or the name of a
 * {@link RateLimitKeyResolver} bean. Every resolver but {@code ip} falls back as the
 * {@link MissingKeyPolicy} says when a request has no key.
 */
public final class KeyResolvers {

	/** Examples of valid keys, for error messages. */
	public static final String EXAMPLES = "ip, header:X-Api-Key, principal, or the name of a RateLimitKeyResolver bean";

	private static final String HEADER_PREFIX = "header:";

	private final RateLimitKeyResolver clientIp;

	private final KeyHasher hasher;

	private final HeaderKeyReader headerReader;

	private final Map<String, RateLimitKeyResolver> beans;

	private final MissingKeyPolicy missingKeyPolicy;

	/**
	 * Create a new instance.
	 * @param clientIp the client IP resolver
	 * @param hasher the hasher for credential-derived keys
	 * @param beans the application's resolvers by bean name
	 * @param missingKeyPolicy what to do when a request has no key
	 */
	public KeyResolvers(RateLimitKeyResolver clientIp, KeyHasher hasher, Map<String, RateLimitKeyResolver> beans,
			MissingKeyPolicy missingKeyPolicy) {
		this(clientIp, hasher, HeaderKeyReader.servlet(), beans, missingKeyPolicy);
	}

	/**
	 * Create a new instance whose header keys are read as the server allows.
	 * @param clientIp the client IP resolver
	 * @param hasher the hasher for credential-derived keys
	 * @param headerReader how header keys are read
	 * @param beans the application's resolvers by bean name
	 * @param missingKeyPolicy what to do when a request has no key
	 */
	public KeyResolvers(RateLimitKeyResolver clientIp, KeyHasher hasher, HeaderKeyReader headerReader,
			Map<String, RateLimitKeyResolver> beans, MissingKeyPolicy missingKeyPolicy) {
		this.clientIp = clientIp;
		this.hasher = hasher;
		this.headerReader = headerReader;
		this.beans = Map.copyOf(beans);
		this.missingKeyPolicy = missingKeyPolicy;
	}

	/**
	 * The resolver for a key.
	 * @param key the key as written, such as {@code header:X-Api-Key}
	 * @return a resolver that never returns {@code null}
	 * @throws IllegalArgumentException if the key names no known resolver
	 */
	public RateLimitKeyResolver forKey(String key) {
		String trimmed = (key != null) ? key.trim() : "";
		if (trimmed.equals("ip")) {
			return this.clientIp;
		}
		if (trimmed.equals("principal")) {
			return withFallback(new PrincipalKeyResolver(this.hasher));
		}
		if (trimmed.regionMatches(true, 0, HEADER_PREFIX, 0, HEADER_PREFIX.length())) {
			String header = trimmed.substring(HEADER_PREFIX.length()).trim();
			if (!isToken(header)) {
				throw new IllegalArgumentException("'" + header + "' is not a valid header name");
			}
			return withFallback(new HeaderKeyResolver(header, hasherOf(trimmed, this.hasher), this.headerReader));
		}
		RateLimitKeyResolver bean = this.beans.get(trimmed);
		if (bean != null) {
			return withFallback(new HashingKeyResolver(bean, this.hasher));
		}
		throw new IllegalArgumentException("no key resolver is named '" + trimmed + "'; known resolver beans: "
				+ new TreeSet<>(this.beans.keySet()));
	}

	/**
	 * How a key's values are hashed: as they are, or, for the {@code Authorization} and
	 * {@code Proxy-Authorization} headers, as their credentials without the scheme
	 * before them, which a server takes in any case ({@code Bearer}, {@code bearer}).
	 * The Actuator endpoint hashes the values it is given this way, as the filter does.
	 * @param key the key as written, such as {@code header:Authorization}
	 * @param hasher the hasher for credential-derived keys
	 * @return the hasher of that key's values
	 */
	public static KeyHasher hasherOf(String key, KeyHasher hasher) {
		String trimmed = key.trim();
		boolean header = trimmed.regionMatches(true, 0, HEADER_PREFIX, 0, HEADER_PREFIX.length());
		return (header && CredentialsKeyHasher.carriesCredentials(trimmed.substring(HEADER_PREFIX.length()).trim()))
				? new CredentialsKeyHasher(hasher) : hasher;
	}

	private RateLimitKeyResolver withFallback(RateLimitKeyResolver primary) {
		return new FallbackKeyResolver(primary, this.clientIp, this.missingKeyPolicy);
	}

	/** An RFC 9110 token, the syntax of a header name. */
	private static boolean isToken(String name) {
		if (name.isEmpty()) {
			return false;
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			boolean valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
			if (!valid) {
				return false;
			}
		}
		return true;
	}

}
