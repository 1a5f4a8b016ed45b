package dev.tollgate.key;

/**
 * Which forwarding header a trusted proxy sets. Only that one is read, so a client
 * cannot choose its address by sending the other.
 */
public enum ForwardedHeader {

	/** {@code X-Forwarded-For: client, proxy1, proxy2}. */
	X_FORWARDED_FOR,

	/** RFC 7239 {@code Forwarded: for=client, for=proxy1}. */
	FORWARDED,

	/** Ignore forwarding headers; always use the connection's remote address. */
	NONE

}
