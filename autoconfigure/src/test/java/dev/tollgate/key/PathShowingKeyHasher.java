package dev.tollgate.key;

import java.nio.charset.StandardCharsets;

/**
 * A hasher that hashes nothing: its key shows the value it was given and by which path,
 * {@code string:<value>} or {@code bytes:<value>}.
 */
public final class PathShowingKeyHasher implements KeyHasher {

	@Override
	public String hash(String value) {
		return "string:" + value;
	}

	@Override
	public String hash(byte[] latin1, int start, int end) {
		return "bytes:" + new String(latin1, start, end - start, StandardCharsets.ISO_8859_1);
	}

}
