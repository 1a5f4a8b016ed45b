package dev.tollgate.key;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Says who is asking: the key whose bucket a request is counted in. Implement it as a
 * bean and refer to it by bean name in {@code tollgate.limits.<name>.key}; Tollgate
 * hashes what it returns before using it, so the value may be a credential.
 */
@FunctionalInterface
public interface RateLimitKeyResolver {

	/**
	 * Resolve the key of a request.
	 * @param request the request
	 * @return the key, or {@code null} when this request has none (the missing-key
	 * policy then decides)
	 */
	@Nullable String resolveKey(HttpServletRequest request);

}
