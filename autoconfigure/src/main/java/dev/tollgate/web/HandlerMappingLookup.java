package dev.tollgate.web;

import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;

import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Asks the application's handler mappings, in order, as the {@code DispatcherServlet}
 * will, for the handler of a request and for its CORS configuration. It asks on a view of
 * the request whose attributes change apart from it: what a handler mapping records on
 * the request (its lookup path, matched pattern, URI variables, API version) stays out of
 * the request the {@code DispatcherServlet} will see. A request that no mapping can hand
 * to a handler (no acceptable representation, an invalid version, two handlers equally
 * good) has neither.
 */
public final class HandlerMappingLookup implements HandlerLookup, CorsConfigurationSource {

	private final Supplier<List<HandlerMapping>> handlerMappingsSource;

	private volatile @Nullable HandlerMappings handlerMappings;

	/**
	 * Create a lookup.
	 * @param handlerMappings the application's handler mappings in the order the
	 * {@code DispatcherServlet} asks them, found on first use, once every bean exists
	 */
	public HandlerMappingLookup(Supplier<List<HandlerMapping>> handlerMappings) {
		this.handlerMappingsSource = handlerMappings;
	}

	@Override
	public @Nullable Object handlerOf(HttpServletRequest request) {
		HandlerExecutionChain chain = chainOf(new OwnAttributesRequest(request));
		return (chain != null) ? chain.getHandler() : null;
	}

	/**
	 * The CORS configuration of the request's handler, with its handler mapping's global
	 * one, as Spring MVC applies it to the request.
	 * @param request the request
	 * @return the configuration, or {@code null} if none applies or no handler takes the
	 * request
	 */
	@Override
	public @Nullable CorsConfiguration getCorsConfiguration(HttpServletRequest request) {
		HttpServletRequest view = new OwnAttributesRequest(request);
		HandlerExecutionChain chain = chainOf(view);
		if (chain != null) {
			for (HandlerInterceptor interceptor : chain.getInterceptorList()) {
				if (interceptor instanceof CorsConfigurationSource source) {
					try {
						return source.getCorsConfiguration(view);
					}
					catch (RuntimeException ex) {
						return null;
					}
				}
			}
		}
		return null;
	}

	private @Nullable HandlerExecutionChain chainOf(HttpServletRequest view) {
		try {
			HandlerMappings mappings = handlerMappings();
			if (mappings.parseRequestPath()) {
				ServletRequestPathUtils.parseAndCache(view);
			}
			for (HandlerMapping mapping : mappings.inOrder()) {
				HandlerExecutionChain chain = mapping.getHandler(view);
				if (chain != null) {
					return chain;
				}
			}
			return null;
		}
		catch (Exception ex) {
			return null;
		}
	}

	private HandlerMappings handlerMappings() {
		HandlerMappings mappings = this.handlerMappings;
		if (mappings == null) {
			List<HandlerMapping> inOrder = List.copyOf(this.handlerMappingsSource.get());
			mappings = new HandlerMappings(inOrder, inOrder.stream().anyMatch(HandlerMapping::usesPathPatterns));
			this.handlerMappings = mappings;
		}
		return mappings;
	}

	/**
	 * The handler mappings, and whether the request path is parsed for them, as the
	 * {@code DispatcherServlet} does if any of them matches path patterns.
	 */
	private record HandlerMappings(List<HandlerMapping> inOrder, boolean parseRequestPath) {
	}

	/**
	 * A request whose attributes are read through to another's until changed, and changed
	 * on this one alone.
	 */
	private static final class OwnAttributesRequest extends HttpServletRequestWrapper {

		private final Map<String, Object> changed = new HashMap<>();

		private final Set<String> removed = new HashSet<>();

		OwnAttributesRequest(HttpServletRequest request) {
			super(request);
		}

		@Override
		public @Nullable Object getAttribute(String name) {
			Object value = this.changed.get(name);
			return (value != null || this.removed.contains(name)) ? value : super.getAttribute(name);
		}

		@Override
		public Enumeration<String> getAttributeNames() {
			Set<String> names = new LinkedHashSet<>(Collections.list(super.getAttributeNames()));
			names.removeAll(this.removed);
			names.addAll(this.changed.keySet());
			return Collections.enumeration(names);
		}

		@Override
		public void setAttribute(String name, @Nullable Object value) {
			if (value == null) {
				removeAttribute(name);
				return;
			}
			this.changed.put(name, value);
			this.removed.remove(name);
		}

		@Override
		public void removeAttribute(String name) {
			this.changed.remove(name);
			this.removed.add(name);
		}

	}

}
