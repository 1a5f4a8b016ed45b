package dev.tollgate.key;

/**
 * What happens to a request whose key cannot be resolved, such as a request without
 * the API key header a limit is keyed on. Neither choice lets it bypass the limit.
 */
public enum MissingKeyPolicy {

	/** Count the request against its client IP address in the same limit. */
	CLIENT_IP,

	/** Count every such request against one bucket shared by all of them. */
	SHARED

}
