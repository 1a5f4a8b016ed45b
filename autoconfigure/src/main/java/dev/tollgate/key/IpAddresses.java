package dev.tollgate.key;

import org.jspecify.annotations.Nullable;

/**
 * Strict parsing and formatting of IP address literals. Never consults DNS: text
 * that is not a literal is rejected. IPv4-mapped IPv6 addresses become their IPv4
 * address; IPv6 zone identifiers are dropped.
 */
final class IpAddresses {

	private static final int MAX_LITERAL_LENGTH = 64;

	private IpAddresses() {
	}

	/**
	 * Parse an address literal, with or without brackets, as it appears in a
	 * connection's remote address or a forwarding header.
	 * @param text the text to parse
	 * @param allowPort whether a trailing port ({@code 192.0.2.1:443},
	 * {@code [2001:db8::1]:443}) is accepted and ignored
	 * @return 4 or 16 bytes, or {@code null} when the text is not an address
	 */
	static byte @Nullable [] parse(String text, boolean allowPort) {
		String value = text.trim();
		if (value.isEmpty() || value.length() > MAX_LITERAL_LENGTH) {
			return null;
		}
		if (value.charAt(0) == '[') {
			int close = value.indexOf(']');
			if (close < 0) {
				return null;
			}
			String rest = value.substring(close + 1);
			if (!rest.isEmpty() && !(allowPort && isPort(rest))) {
				return null;
			}
			return parseV6(value.substring(1, close));
		}
		int colon = value.indexOf(':');
		if (colon < 0) {
			return parseV4(value);
		}
		if (allowPort && value.indexOf(':', colon + 1) < 0 && value.indexOf('.') >= 0) {
			return isPort(value.substring(colon)) ? parseV4(value.substring(0, colon)) : null;
		}
		return parseV6(value);
	}

	private static boolean isPort(String text) {
		if (text.length() < 2 || text.length() > 6 || text.charAt(0) != ':') {
			return false;
		}
		int port = 0;
		for (int i = 1; i < text.length(); i++) {
			if (!isDigit(text.charAt(i))) {
				return false;
			}
			port = port * 10 + (text.charAt(i) - '0');
		}
		return port <= 65535;
	}

	/**
	 * The value of a canonical dotted IPv4 address (four decimal parts without leading
	 * zeros, as a servlet container reports a remote address), without allocating.
	 * @param text the text
	 * @return the address as an unsigned 32-bit value, or -1 when the text is not a
	 * canonical IPv4 address
	 */
	static long canonicalIpv4(String text) {
		int length = text.length();
		if (length < 7 || length > 15) {
			return -1;
		}
		long address = 0;
		int part = 0;
		int value = 0;
		int digits = 0;
		for (int i = 0; i <= length; i++) {
			char c = (i < length) ? text.charAt(i) : '.';
			if (c == '.') {
				if (digits == 0 || part > 3) {
					return -1;
				}
				address = (address << 8) | value;
				part++;
				value = 0;
				digits = 0;
			}
			else {
				if (!isDigit(c) || (digits == 1 && value == 0) || ++digits > 3) {
					return -1;
				}
				value = value * 10 + (c - '0');
				if (value > 255) {
					return -1;
				}
			}
		}
		return (part == 4) ? address : -1;
	}

	static byte @Nullable [] parseV4(String text) {
		byte[] bytes = new byte[4];
		return parseV4Into(text, bytes, 0) ? bytes : null;
	}

	private static boolean parseV4Into(String text, byte[] bytes, int offset) {
		int part = 0;
		int value = 0;
		int digits = 0;
		for (int i = 0; i <= text.length(); i++) {
			if (i == text.length() || text.charAt(i) == '.') {
				if (digits == 0 || part > 3) {
					return false;
				}
				bytes[offset + part++] = (byte) value;
				value = 0;
				digits = 0;
			}
			else {
				char c = text.charAt(i);
				if (!isDigit(c) || ++digits > 3) {
					return false;
				}
				value = value * 10 + (c - '0');
				if (value > 255) {
					return false;
				}
			}
		}
		return part == 4;
	}

	static byte @Nullable [] parseV6(String text) {
		int zone = text.indexOf('%');
		String address = (zone >= 0) ? text.substring(0, zone) : text;
		if (address.length() < 2) {
			return null;
		}
		byte[] bytes = new byte[16];
		int gap = address.indexOf("::");
		if (gap >= 0 && address.indexOf("::", gap + 1) >= 0) {
			return null;
		}
		int headGroups;
		int tailGroups;
		if (gap < 0) {
			int groups = parseGroups(address, bytes, 0, true);
			if (groups != 8) {
				return null;
			}
			return normalize(bytes);
		}
		String head = address.substring(0, gap);
		String tail = address.substring(gap + 2);
		headGroups = head.isEmpty() ? 0 : parseGroups(head, bytes, 0, false);
		byte[] tailBytes = new byte[16];
		tailGroups = tail.isEmpty() ? 0 : parseGroups(tail, tailBytes, 0, true);
		if (headGroups < 0 || tailGroups < 0 || headGroups + tailGroups > 7) {
			return null;
		}
		System.arraycopy(tailBytes, 0, bytes, 16 - tailGroups * 2, tailGroups * 2);
		return normalize(bytes);
	}

	/**
	 * Parse colon-separated hex groups into {@code bytes}, allowing a final dotted
	 * IPv4 part when {@code allowV4Tail}. Returns the number of 16-bit groups, or -1.
	 */
	private static int parseGroups(String text, byte[] bytes, int offset, boolean allowV4Tail) {
		int groups = 0;
		int start = 0;
		while (start <= text.length()) {
			int end = text.indexOf(':', start);
			if (end < 0) {
				end = text.length();
			}
			String group = text.substring(start, end);
			if (end == text.length() && allowV4Tail && group.indexOf('.') >= 0) {
				if (groups > 6 || !parseV4Into(group, bytes, offset + groups * 2)) {
					return -1;
				}
				return groups + 2;
			}
			if (group.isEmpty() || group.length() > 4 || groups >= 8) {
				return -1;
			}
			int value = 0;
			for (int i = 0; i < group.length(); i++) {
				int digit = Character.digit(group.charAt(i), 16);
				if (digit < 0) {
					return -1;
				}
				value = (value << 4) | digit;
			}
			bytes[offset + groups * 2] = (byte) (value >> 8);
			bytes[offset + groups * 2 + 1] = (byte) value;
			groups++;
			start = end + 1;
			if (end == text.length()) {
				break;
			}
		}
		return groups;
	}

	/** IPv4-mapped IPv6 ({@code ::ffff:a.b.c.d}) becomes the IPv4 address. */
	private static byte[] normalize(byte[] v6) {
		for (int i = 0; i < 10; i++) {
			if (v6[i] != 0) {
				return v6;
			}
		}
		if (v6[10] == (byte) 0xff && v6[11] == (byte) 0xff) {
			return new byte[] { v6[12], v6[13], v6[14], v6[15] };
		}
		return v6;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	/**
	 * Keep the first {@code prefixLength} bits of an address, zeroing the rest.
	 * @param address the address
	 * @param prefixLength the number of bits to keep
	 * @return a masked copy
	 */
	static byte[] mask(byte[] address, int prefixLength) {
		byte[] masked = address.clone();
		for (int bit = prefixLength; bit < masked.length * 8; bit++) {
			masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
		}
		return masked;
	}

	/**
	 * Format an address: dotted IPv4, or RFC 5952 IPv6 (lower case, longest run of
	 * zero groups compressed).
	 * @param address 4 or 16 bytes
	 * @return the text form
	 */
	static String format(byte[] address) {
		if (address.length == 4) {
			return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "."
					+ (address[3] & 0xff);
		}
		int[] groups = new int[8];
		for (int i = 0; i < 8; i++) {
			groups[i] = ((address[i * 2] & 0xff) << 8) | (address[i * 2 + 1] & 0xff);
		}
		int bestStart = -1;
		int bestLength = 1;
		for (int i = 0; i < 8;) {
			if (groups[i] != 0) {
				i++;
				continue;
			}
			int j = i;
			while (j < 8 && groups[j] == 0) {
				j++;
			}
			if (j - i > bestLength) {
				bestStart = i;
				bestLength = j - i;
			}
			i = j;
		}
		StringBuilder text = new StringBuilder(39);
		for (int i = 0; i < 8; i++) {
			if (i == bestStart) {
				text.append("::");
				i += bestLength - 1;
				continue;
			}
			if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
				text.append(':');
			}
			text.append(Integer.toHexString(groups[i]));
		}
		return text.toString();
	}

}
