package dev.tollgate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 client over a plain socket, so tests control the request line
 * byte for byte (encoded and decorated paths, repeated headers) and see the response
 * exactly as the server wrote it.
 */
public final class RawHttp {

	private final int port;

	public RawHttp(int port) {
		this.port = port;
	}

	public Response get(String target, String... headers) throws IOException {
		return send("GET", target, headers);
	}

	public Response post(String target, String... headers) throws IOException {
		return send("POST", target, headers);
	}

	public Response send(String method, String target, String... headers) throws IOException {
		return sendWithBody(method, target, null, headers);
	}

	public Response postJson(String target, String json, String... headers) throws IOException {
		String[] all = new String[headers.length + 1];
		all[0] = "Content-Type: application/json";
		System.arraycopy(headers, 0, all, 1, headers.length);
		return sendWithBody("POST", target, json, all);
	}

	/** A separate name, so that one header is never taken for a body. */
	public Response sendWithBody(String method, String target, String body, String... headers) throws IOException {
		byte[] content = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(10_000);
			StringBuilder request = new StringBuilder();
			request.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
			request.append("Host: 127.0.0.1:").append(this.port).append("\r\n");
			for (String header : headers) {
				request.append(header).append("\r\n");
			}
			if (content.length > 0 || method.equals("POST") || method.equals("PUT")) {
				request.append("Content-Length: ").append(content.length).append("\r\n");
			}
			request.append("Connection: close\r\n\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.UTF_8));
			out.write(content);
			out.flush();
			return Response.parse(socket.getInputStream().readAllBytes(), method.equals("HEAD"));
		}
	}

	public record Response(int status, List<String[]> headers, String body) {

		public String header(String name) {
			List<String> values = headers(name);
			return values.isEmpty() ? null : values.get(0);
		}

		public List<String> headers(String name) {
			List<String> values = new ArrayList<>();
			for (String[] header : this.headers) {
				if (header[0].equalsIgnoreCase(name)) {
					values.add(header[1]);
				}
			}
			return values;
		}

		public boolean hasHeaderStartingWith(String prefix) {
			return this.headers.stream()
				.anyMatch((header) -> header[0].toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT)));
		}

		static Response parse(byte[] raw, boolean noBody) throws IOException {
			String text = new String(raw, StandardCharsets.ISO_8859_1);
			int end = text.indexOf("\r\n\r\n");
			if (end < 0) {
				throw new IOException("incomplete response: " + text);
			}
			String[] lines = text.substring(0, end).split("\r\n");
			int status = Integer.parseInt(lines[0].split(" ")[1]);
			List<String[]> headers = new ArrayList<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers.add(new String[] { lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim() });
			}
			byte[] body = new byte[raw.length - end - 4];
			System.arraycopy(raw, end + 4, body, 0, body.length);
			Response head = new Response(status, headers, "");
			if (noBody) {
				return head;
			}
			if ("chunked".equalsIgnoreCase(head.header("Transfer-Encoding"))) {
				body = dechunk(body);
			}
			return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
		}

		private static byte[] dechunk(byte[] body) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			int position = 0;
			while (position < body.length) {
				int lineEnd = position;
				while (body[lineEnd] != '\r') {
					lineEnd++;
				}
				int size = Integer.parseInt(new String(body, position, lineEnd - position, StandardCharsets.US_ASCII)
					.split(";")[0].trim(), 16);
				if (size == 0) {
					break;
				}
				out.write(body, lineEnd + 2, size);
				position = lineEnd + 2 + size + 2;
			}
			return out.toByteArray();
		}

	}


}
