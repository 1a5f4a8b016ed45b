package dev.tollgate.web;

/**
 * The styles of rate-limit headers Tollgate can write; several may be combined.
 */
public enum HeaderStyle {

	/**
	 * {@code RateLimit-Policy} and {@code RateLimit} structured fields of the current
	 * IETF draft (11), one item per applicable limit.
	 */
	DRAFT_11,

	/**
	 * {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset}
	 * (seconds) of IETF draft 6.
	 */
	DRAFT_6,

	/**
	 * {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and
	 * {@code X-RateLimit-Reset} (Unix timestamp in seconds).
	 */
	LEGACY,

	/** No rate-limit headers ({@code Retry-After} is still sent on rejections). */
	NONE

}
