package dev.tollgate.key;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Resolves the key from the authenticated user's name, hashed so that user names do
 * not appear in stores or diagnostics.
 */
public final class PrincipalKeyResolver implements RateLimitKeyResolver {

	private final KeyHasher hasher;

	public PrincipalKeyResolver(KeyHasher hasher) {
		this.hasher = hasher;
	}

	@Override
	public @Nullable String resolveKey(HttpServletRequest request) {
		Principal principal = request.getUserPrincipal();
		String name = (principal != null) ? principal.getName() : null;
		return (name != null && !name.isEmpty()) ? this.hasher.hash(name) : null;
	}

}
