package dev.tollgate.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.CorsUtils;

/**
 * The CORS headers of a response Tollgate answers itself, a rejection, as Spring MVC
 * would have added them had the request reached its handler: from the application's
 * CORS configuration of that handler ({@code @CrossOrigin}, or global mappings in
 * {@code WebMvcConfigurer#addCorsMappings}). Without them a browser hides the 429 from
 * the page, which sees only a network error. An origin the configuration does not
 * allow gets none, and the rejection stands as it is. Spring's
 * {@code DefaultCorsProcessor} is not used: it answers such an origin with a 403, and it
 * flushes the response, committing its status before the rejection is written.
 */
public final class RejectionCorsHeaders {

	private static final List<String> VARY = List.of(HttpHeaders.ORIGIN, HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD,
			HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);

	private final CorsConfigurationSource configurations;

	/**
	 * Create headers from a source of CORS configuration.
	 * @param configurations the CORS configuration of each request's handler
	 */
	public RejectionCorsHeaders(CorsConfigurationSource configurations) {
		this.configurations = configurations;
	}

	/**
	 * No CORS headers on rejections.
	 * @return headers that add nothing
	 */
	public static RejectionCorsHeaders none() {
		return new RejectionCorsHeaders((request) -> null);
	}

	/**
	 * Add the CORS headers of an actual (not preflight) cross-origin request to its
	 * rejection.
	 * @param request the request
	 * @param response its rejection, not yet committed
	 */
	public void addTo(HttpServletRequest request, HttpServletResponse response) {
		if (!isCrossOrigin(request) || response.getHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN) != null) {
			// not cross-origin, or CORS applied already (a CorsFilter before Tollgate's)
			return;
		}
		CorsConfiguration configuration = this.configurations.getCorsConfiguration(request);
		if (configuration == null) {
			return;
		}
		for (String vary : VARY) {
			if (!response.getHeaders(HttpHeaders.VARY).contains(vary)) {
				response.addHeader(HttpHeaders.VARY, vary);
			}
		}
		String allowedOrigin = configuration.checkOrigin(request.getHeader(HttpHeaders.ORIGIN));
		if (allowedOrigin == null) {
			return;
		}
		response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, allowedOrigin);
		if (Boolean.TRUE.equals(configuration.getAllowCredentials())) {
			response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
		}
		List<String> exposed = configuration.getExposedHeaders();
		if (exposed != null && !exposed.isEmpty()) {
			response.setHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, String.join(", ", exposed));
		}
	}

	/**
	 * Whether the request comes from another origin. An {@code Origin} that is no URI
	 * (the client's to write) makes it neither, and the rejection stands as it is.
	 */
	private static boolean isCrossOrigin(HttpServletRequest request) {
		try {
			return CorsUtils.isCorsRequest(request);
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
