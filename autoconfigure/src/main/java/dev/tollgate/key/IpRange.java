package dev.tollgate.key;

/**
 * A block of IP addresses in CIDR notation, such as {@code 10.0.0.0/8},
 * {@code 2001:db8::/32}, or a single address.
 */
public final class IpRange {

	private final byte[] network;

	private final int prefixLength;

	private final String text;

	/** An IPv4 range as 32-bit values, for {@link #containsIpv4}; -1 for IPv6 ranges. */
	private final long ipv4Network;

	private final long ipv4Mask;

	private IpRange(byte[] network, int prefixLength, String text) {
		this.network = IpAddresses.mask(network, prefixLength);
		this.prefixLength = prefixLength;
		this.text = text;
		boolean ipv4 = this.network.length == 4;
		this.ipv4Network = ipv4 ? ((this.network[0] & 0xffL) << 24) | ((this.network[1] & 0xffL) << 16)
				| ((this.network[2] & 0xffL) << 8) | (this.network[3] & 0xffL) : -1;
		this.ipv4Mask = (prefixLength == 0) ? 0 : (0xffffffffL << (32 - prefixLength)) & 0xffffffffL;
	}

	/**
	 * Parse CIDR notation; an address without a prefix length is a range of one.
	 * @param cidr the range, such as {@code 10.0.0.0/8}
	 * @return the range
	 * @throws IllegalArgumentException if the text is not a valid range
	 */
	public static IpRange parse(String cidr) {
		String text = cidr.trim();
		int slash = text.indexOf('/');
		String address = (slash < 0) ? text : text.substring(0, slash);
		byte[] bytes = IpAddresses.parse(address, false);
		if (bytes == null) {
			throw new IllegalArgumentException("'" + address + "' is not an IP address");
		}
		// an IPv4-mapped range such as ::ffff:10.0.0.0/104 is written in IPv6 prefix bits
		boolean mapped = bytes.length == 4 && address.indexOf(':') >= 0;
		int maxPrefix = mapped ? 128 : bytes.length * 8;
		int prefix = maxPrefix;
		if (slash >= 0) {
			try {
				prefix = Integer.parseInt(text.substring(slash + 1));
			}
			catch (NumberFormatException ex) {
				prefix = -1;
			}
			if (prefix < 0 || prefix > maxPrefix) {
				throw new IllegalArgumentException("the prefix length must be between 0 and " + maxPrefix);
			}
		}
		return new IpRange(bytes, mapped ? Math.max(0, prefix - 96) : prefix, text);
	}

	/**
	 * Whether the address is in this range.
	 * @param address 4 or 16 bytes, IPv4-mapped addresses already reduced to 4
	 * @return whether it belongs to the range
	 */
	boolean contains(byte[] address) {
		if (address.length != this.network.length) {
			return false;
		}
		int fullBytes = this.prefixLength / 8;
		for (int i = 0; i < fullBytes; i++) {
			if (address[i] != this.network[i]) {
				return false;
			}
		}
		int remainingBits = this.prefixLength % 8;
		if (remainingBits == 0) {
			return true;
		}
		int mask = (0xff << (8 - remainingBits)) & 0xff;
		return (address[fullBytes] & mask) == (this.network[fullBytes] & 0xff);
	}

	/**
	 * Whether an IPv4 address is in this range.
	 * @param address the address as an unsigned 32-bit value
	 * @return whether it belongs to the range
	 */
	boolean containsIpv4(long address) {
		return (address & this.ipv4Mask) == this.ipv4Network;
	}

	/**
	 * Whether the range holds every address of its family, as {@code 0.0.0.0/0} does.
	 * @return whether its prefix length is zero
	 */
	public boolean coversEveryAddress() {
		return this.prefixLength == 0;
	}

	@Override
	public String toString() {
		return this.text;
	}

}
