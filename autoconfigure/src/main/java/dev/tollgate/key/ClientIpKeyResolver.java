package dev.tollgate.key;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Resolves the client's IP address. The connection's remote address is the client
 * unless it is a trusted proxy: then the forwarding header is read from the right,
 * and the first address that is not a trusted proxy is the client. Both are read from
 * the request as the server received it, whatever wrappers filters put around it.
 * IPv6 clients are grouped by prefix, since one subscriber usually holds a whole /64;
 * IPv4-mapped IPv6 addresses count as their IPv4 address.
 */
public final class ClientIpKeyResolver implements RateLimitKeyResolver {

	/** Hops read from the right of a forwarding header before giving up. */
	private static final int MAX_HOPS = 32;

	private final List<IpRange> trustedProxies;

	private final ForwardedHeader forwardedHeader;

	private final int ipv6PrefixLength;

	/**
	 * Create a new resolver.
	 * @param trustedProxies the proxies whose forwarding headers are believed
	 * @param forwardedHeader the header those proxies set
	 * @param ipv6PrefixLength how many leading bits of an IPv6 address identify a
	 * client (1 to 128)
	 */
	public ClientIpKeyResolver(List<IpRange> trustedProxies, ForwardedHeader forwardedHeader, int ipv6PrefixLength) {
		if (ipv6PrefixLength < 1 || ipv6PrefixLength > 128) {
			throw new IllegalArgumentException("the IPv6 prefix length must be between 1 and 128");
		}
		this.trustedProxies = List.copyOf(trustedProxies);
		this.forwardedHeader = forwardedHeader;
		this.ipv6PrefixLength = ipv6PrefixLength;
	}

	@Override
	public String resolveKey(HttpServletRequest request) {
		ServletRequest connection = asReceived(request);
		String remoteAddress = connection.getRemoteAddr();
		if (remoteAddress != null) {
			long ipv4 = IpAddresses.canonicalIpv4(remoteAddress);
			if (ipv4 >= 0 && (this.forwardedHeader == ForwardedHeader.NONE || !isTrustedIpv4(ipv4))) {
				// The common case: a canonical IPv4 peer that is the client. It is its own key.
				return remoteAddress;
			}
		}
		byte[] peer = (remoteAddress != null) ? IpAddresses.parse(remoteAddress, false) : null;
		if (peer == null) {
			return (remoteAddress != null) ? remoteAddress : "unknown";
		}
		byte[] client = (isTrusted(peer) && this.forwardedHeader != ForwardedHeader.NONE
				&& connection instanceof HttpServletRequest received) ? clientBehindProxies(received, peer) : peer;
		return format(client);
	}

	/**
	 * The request as the server received it, under any wrappers: its remote address is
	 * the connection's (or what the server itself made of trusted proxies' headers,
	 * such as Tomcat's {@code RemoteIpValve}), and its forwarding headers are those
	 * sent. A wrapper such as Spring's {@code ForwardedHeaderFilter}
	 * ({@code server.forward-headers-strategy=framework}) takes the remote address from
	 * the leftmost {@code X-Forwarded-For} entry, which any client can write, and hides
	 * the header: through it a client could pick a fresh bucket with each request.
	 */
	private static ServletRequest asReceived(ServletRequest request) {
		ServletRequest current = request;
		while (current instanceof ServletRequestWrapper wrapper) {
			current = wrapper.getRequest();
		}
		return current;
	}

	/**
	 * Walk the forwarding header from the right: each hop was appended by the
	 * proxy to its right, so the first hop that is not a trusted proxy is the
	 * client. A hop that is not an address stops the walk at the last trusted hop.
	 */
	private byte[] clientBehindProxies(HttpServletRequest request, byte[] peer) {
		List<String> hops = hops(request);
		byte[] current = peer;
		int walked = 0;
		for (int i = hops.size() - 1; i >= 0 && walked < MAX_HOPS; i--, walked++) {
			byte[] hop = IpAddresses.parse(hops.get(i), true);
			if (hop == null) {
				return current;
			}
			current = hop;
			if (!isTrusted(hop)) {
				return hop;
			}
		}
		return current;
	}

	private List<String> hops(HttpServletRequest request) {
		String headerName = (this.forwardedHeader == ForwardedHeader.FORWARDED) ? "Forwarded" : "X-Forwarded-For";
		Enumeration<String> values = request.getHeaders(headerName);
		if (values == null || !values.hasMoreElements()) {
			return List.of();
		}
		List<String> hops = new ArrayList<>();
		while (values.hasMoreElements()) {
			String value = values.nextElement();
			for (String element : value.split(",", -1)) {
				hops.add((this.forwardedHeader == ForwardedHeader.FORWARDED) ? forNode(element) : element);
			}
		}
		return hops;
	}

	/** The {@code for=} node of one RFC 7239 element, without quotes. */
	private static String forNode(String element) {
		for (String pair : element.split(";", -1)) {
			String trimmed = pair.trim();
			if (trimmed.length() > 4 && trimmed.regionMatches(true, 0, "for=", 0, 4)) {
				String node = trimmed.substring(4).trim();
				if (node.length() >= 2 && node.charAt(0) == '"' && node.charAt(node.length() - 1) == '"') {
					node = node.substring(1, node.length() - 1);
				}
				return node;
			}
		}
		return "";
	}

	/**
	 * The key of an address as this resolver forms it: IPv4-mapped addresses as IPv4,
	 * IPv6 addresses as their prefix.
	 * @param address an IP address literal
	 * @return the key
	 * @throws IllegalArgumentException if the text is not an IP address
	 */
	public String canonicalize(String address) {
		byte[] bytes = IpAddresses.parse(address, false);
		if (bytes == null) {
			throw new IllegalArgumentException("'" + address + "' is not an IP address");
		}
		return format(bytes);
	}

	private boolean isTrustedIpv4(long address) {
		for (IpRange range : this.trustedProxies) {
			if (range.containsIpv4(address)) {
				return true;
			}
		}
		return false;
	}

	private boolean isTrusted(byte[] address) {
		for (IpRange range : this.trustedProxies) {
			if (range.contains(address)) {
				return true;
			}
		}
		return false;
	}

	private String format(byte[] address) {
		if (address.length == 16 && this.ipv6PrefixLength < 128) {
			return IpAddresses.format(IpAddresses.mask(address, this.ipv6PrefixLength)) + "/" + this.ipv6PrefixLength;
		}
		return IpAddresses.format(address);
	}

}
