package dev.tollgate.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import dev.tollgate.limiter.LimitOutcome;

/**
 * The response to a rejected request: a status (429 by default), {@code Retry-After}
 * in whole seconds (rounded up, at least 1) and a UTF-8 body rendered from a template
 * with the placeholders {@code {limit}}, {@code {retry-after}} and {@code {status}}.
 * The template is split into parts once, at start-up.
 */
public final class RejectionResponse {

	/** The default body: RFC 9457 problem details naming the violated limit. */
	public static final String PROBLEM_TEMPLATE = "{\"type\":\"about:blank\",\"title\":\"Too Many Requests\","
			+ "\"status\":{status},\"detail\":\"Rate limit '{limit}' exceeded, retry after {retry-after} s\","
			+ "\"limit\":\"{limit}\",\"retryAfter\":{retry-after}}";

	/** The default content type. */
	public static final String PROBLEM_CONTENT_TYPE = "application/problem+json";

	private static final List<String> PLACEHOLDERS = List.of("{limit}", "{retry-after}", "{status}");

	private final int status;

	private final String contentType;

	private final List<Object> parts;

	/**
	 * Create a new rejection response.
	 * @param status the HTTP status
	 * @param contentType the content type, without charset (UTF-8 is always used)
	 * @param template the body template
	 */
	public RejectionResponse(int status, String contentType, String template) {
		this.status = status;
		this.contentType = contentType;
		this.parts = parse(template);
	}

	/** Literal text stays a String; a placeholder becomes its index in PLACEHOLDERS. */
	private static List<Object> parse(String template) {
		List<Object> parts = new ArrayList<>();
		int start = 0;
		while (start < template.length()) {
			int next = -1;
			int which = -1;
			for (int i = 0; i < PLACEHOLDERS.size(); i++) {
				int at = template.indexOf(PLACEHOLDERS.get(i), start);
				if (at >= 0 && (next < 0 || at < next)) {
					next = at;
					which = i;
				}
			}
			if (next < 0) {
				parts.add(template.substring(start));
				break;
			}
			if (next > start) {
				parts.add(template.substring(start, next));
			}
			parts.add(which);
			start = next + PLACEHOLDERS.get(which).length();
		}
		return List.copyOf(parts);
	}

	/**
	 * Write the response for a violated limit.
	 * @param response the response, not yet committed
	 * @param violated the enforced limit that rejected the request
	 * @throws IOException if the body cannot be written
	 */
	public void write(HttpServletResponse response, LimitOutcome violated) throws IOException {
		long retryAfter = Math.max(1, RateLimitHeaders.ceilSeconds(violated.nanosToRetry()));
		byte[] body = render(violated.rule().getName(), retryAfter).getBytes(StandardCharsets.UTF_8);
		response.setStatus(this.status);
		response.setHeader(RateLimitHeaders.RETRY_AFTER, Long.toString(retryAfter));
		response.setContentType(this.contentType);
		response.setCharacterEncoding(StandardCharsets.UTF_8);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		response.flushBuffer();
	}

	String render(String limitName, long retryAfterSeconds) {
		StringBuilder body = new StringBuilder(128);
		for (Object part : this.parts) {
			if (part instanceof String literal) {
				body.append(literal);
			}
			else {
				switch ((Integer) part) {
					case 0 -> body.append(limitName);
					case 1 -> body.append(retryAfterSeconds);
					default -> body.append(this.status);
				}
			}
		}
		return body.toString();
	}

	public int getStatus() {
		return this.status;
	}

}
