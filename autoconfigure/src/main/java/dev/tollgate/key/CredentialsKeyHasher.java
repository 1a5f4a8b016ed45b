package dev.tollgate.key;

/**
 * Hashes the value of an {@code Authorization} or {@code Proxy-Authorization} header as
 * its credentials alone, without the authentication scheme before them.
 * <p>
 * A server takes the scheme in any case ({@code Bearer}, {@code bearer}, {@code BEARER}:
 * RFC 9110, section 11.1, and Spring Security's bearer token resolver), and many take
 * more than one space after it. Keyed by the whole value, a client could send one token
 * in each of those forms and get a bucket for each. Keyed by the credentials, every form
 * shares one; a token sent under two schemes shares it too, which only makes its limit
 * stricter.
 * <p>
 * The value arrives stripped of surrounding whitespace. Its credentials start after the
 * first run of whitespace (as {@link Character#isWhitespace(char)} tests it, like the
 * stripping); a value without whitespace is all credentials. Nothing is allocated on the
 * bytes' path.
 */
final class CredentialsKeyHasher implements KeyHasher {

	private final KeyHasher hasher;

	/**
	 * A hasher of credentials.
	 * @param hasher the hasher they are handed to
	 */
	CredentialsKeyHasher(KeyHasher hasher) {
		this.hasher = hasher;
	}

	/**
	 * Whether a header carries credentials after a scheme.
	 * @param name the header's name
	 * @return whether it is {@code Authorization} or {@code Proxy-Authorization}, in any case
	 */
	static boolean carriesCredentials(String name) {
		return name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Proxy-Authorization");
	}

	@Override
	public String hash(String value) {
		int end = value.length();
		int start = 0;
		while (start < end && !Character.isWhitespace(value.charAt(start))) {
			start++;
		}
		while (start < end && Character.isWhitespace(value.charAt(start))) {
			start++;
		}
		return this.hasher.hash((start < end) ? value.substring(start) : value);
	}

	@Override
	public String hash(byte[] latin1, int start, int end) {
		int credentials = start;
		while (credentials < end && !HeaderKeyReader.isWhitespace(latin1[credentials])) {
			credentials++;
		}
		while (credentials < end && HeaderKeyReader.isWhitespace(latin1[credentials])) {
			credentials++;
		}
		return this.hasher.hash(latin1, (credentials < end) ? credentials : start, end);
	}

}
