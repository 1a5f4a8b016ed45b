package dev.tollgate.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;

import dev.tollgate.rule.PathPatternRoute;

import org.springframework.http.server.PathContainer;
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

	private final @Nullable HandlerMapping annotatedControllers;

	private volatile @Nullable HandlerMappings handlerMappings;

	/**
	 * Create a lookup.
	 * @param handlerMappings the application's handler mappings in the order the
	 * {@code DispatcherServlet} asks them, found on first use, once every bean exists
	 * @param annotatedControllers the handler mapping of the annotated controllers whose
	 * limits and exemptions Tollgate reads, {@code null} if there is none
	 */
	public HandlerMappingLookup(Supplier<List<HandlerMapping>> handlerMappings,
			@Nullable HandlerMapping annotatedControllers) {
		this.handlerMappingsSource = handlerMappings;
		this.annotatedControllers = annotatedControllers;
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

	/**
	 * Whether a handler mapping ordered before the annotated controllers' one may take a
	 * request of the given path and method: one of its patterns matches, or its patterns
	 * cannot be told, which is taken as every path ({@link HandlerMappingRoutes}).
	 */
	@Override
	public boolean mayBeTakenFirst(PathContainer path, String method) {
		try {
			for (PathPatternRoute route : handlerMappings().takenFirst()) {
				if (route.matches(path, method)) {
					return true;
				}
			}
			return false;
		}
		catch (RuntimeException ex) {
			return true;
		}
	}

	private HandlerMappings handlerMappings() {
		HandlerMappings mappings = this.handlerMappings;
		if (mappings == null) {
			List<HandlerMapping> inOrder = List.copyOf(this.handlerMappingsSource.get());
			List<PathPatternRoute> takenFirst = new ArrayList<>();
			if (inOrder.contains(this.annotatedControllers)) {
				for (HandlerMapping mapping : inOrder) {
					if (mapping == this.annotatedControllers) {
						break;
					}
					takenFirst.addAll(HandlerMappingRoutes.of(mapping));
				}
			}
			mappings = new HandlerMappings(inOrder, inOrder.stream().anyMatch(HandlerMapping::usesPathPatterns),
					List.copyOf(takenFirst));
			this.handlerMappings = mappings;
		}
		return mappings;
	}

	/**
	 * The handler mappings; whether the request path is parsed for them, as the
	 * {@code DispatcherServlet} does if any of them matches path patterns; and the routes
	 * of those asked before the annotated controllers' one.
	 */
	private record HandlerMappings(List<HandlerMapping> inOrder, boolean parseRequestPath,
			List<PathPatternRoute> takenFirst) {
	}

	/**
	 * A request whose attributes are read through to another's until changed, and changed
	 * on this one alone.
	 */
	private static final class OwnAttributesRequest extends HttpServletRequestWrapper {

		/** The value of an attribute removed from this view. */
		private static final Object REMOVED = new Object();

		/**
		 * The attributes set or removed on this view, in two arrays searched in turn: a
		 * handler mapping sets fewer than a dozen, mostly under constant names.
		 */
		private String[] names = new String[8];

		private Object[] values = new Object[8];

		private int count;

		OwnAttributesRequest(HttpServletRequest request) {
			super(request);
		}

		@Override
		public @Nullable Object getAttribute(String name) {
			int index = indexOf(name);
			if (index < 0) {
				return super.getAttribute(name);
			}
			return (this.values[index] != REMOVED) ? this.values[index] : null;
		}

		@Override
		public Enumeration<String> getAttributeNames() {
			Set<String> names = new LinkedHashSet<>(Collections.list(super.getAttributeNames()));
			for (int i = 0; i < this.count; i++) {
				if (this.values[i] != REMOVED) {
					names.add(this.names[i]);
				}
				else {
					names.remove(this.names[i]);
				}
			}
			return Collections.enumeration(names);
		}

		@Override
		public void setAttribute(String name, @Nullable Object value) {
			change(name, (value != null) ? value : REMOVED);
		}

		@Override
		public void removeAttribute(String name) {
			change(name, REMOVED);
		}

		private void change(String name, Object value) {
			int index = indexOf(name);
			if (index < 0) {
				if (this.count == this.names.length) {
					this.names = Arrays.copyOf(this.names, this.count * 2);
					this.values = Arrays.copyOf(this.values, this.count * 2);
				}
				index = this.count++;
				this.names[index] = name;
			}
			this.values[index] = value;
		}

		private int indexOf(String name) {
			for (int i = 0; i < this.count; i++) {
				if (this.names[i] == name || this.names[i].equals(name)) {
					return i;
				}
			}
			return -1;
		}

	}

}
