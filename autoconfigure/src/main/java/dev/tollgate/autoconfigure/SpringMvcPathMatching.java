package dev.tollgate.autoconfigure;

import dev.tollgate.web.LookupPath;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * How the application's Spring MVC matches request paths, read from its own handler
 * mapping (the {@code requestMappingHandlerMapping} bean, not Actuator's), so that
 * limits match the requests that reach each handler: the same parser for the paths of
 * configured limits and exemptions (case-insensitive, say, if the application made it
 * so), and the same path of each request.
 */
final class SpringMvcPathMatching {

	private static final String HANDLER_MAPPING = "requestMappingHandlerMapping";

	private final @Nullable RequestMappingHandlerMapping handlerMapping;

	private SpringMvcPathMatching(@Nullable RequestMappingHandlerMapping handlerMapping) {
		this.handlerMapping = handlerMapping;
	}

	/**
	 * The path matching of an application.
	 * @param beanFactory the application's bean factory
	 * @return its path matching, Spring MVC's defaults if it has no handler mapping
	 */
	static SpringMvcPathMatching of(BeanFactory beanFactory) {
		if (beanFactory.containsBean(HANDLER_MAPPING)
				&& beanFactory.isTypeMatch(HANDLER_MAPPING, RequestMappingHandlerMapping.class)) {
			return new SpringMvcPathMatching(beanFactory.getBean(HANDLER_MAPPING, RequestMappingHandlerMapping.class));
		}
		return new SpringMvcPathMatching(beanFactory.getBeanProvider(RequestMappingHandlerMapping.class).getIfUnique());
	}

	/**
	 * The handler mapping of the application's annotated controllers.
	 * @return the mapping, {@code null} if it has none
	 */
	@Nullable RequestMappingHandlerMapping handlerMapping() {
		return this.handlerMapping;
	}

	/**
	 * The parser of path patterns: the handler mapping's, or, where it matches with an
	 * {@code AntPathMatcher} ({@code spring.mvc.pathmatch.matching-strategy=ant-path-matcher}),
	 * one that matches in any case if that matcher does.
	 * @return the parser
	 */
	PathPatternParser patternParser() {
		if (this.handlerMapping == null) {
			return PathPatternParser.defaultInstance;
		}
		PathPatternParser parser = this.handlerMapping.getPatternParser();
		if (parser != null) {
			return parser;
		}
		if (this.handlerMapping.getPathMatcher().match("/a", "/A")) {
			PathPatternParser anyCase = new PathPatternParser();
			anyCase.setCaseSensitive(false);
			return anyCase;
		}
		return PathPatternParser.defaultInstance;
	}

	/**
	 * Whether the handler mapping's patterns are read as Tollgate reads them: as path
	 * patterns, or by Spring's own {@code AntPathMatcher}, not a {@code PathMatcher} of the
	 * application's own (nor a subclass, which may match otherwise).
	 * @return {@code false} for a {@code PathMatcher} of the application's own
	 */
	boolean readablePatterns() {
		return this.handlerMapping == null || this.handlerMapping.getPatternParser() != null
				|| this.handlerMapping.getPathMatcher().getClass() == AntPathMatcher.class;
	}

	/**
	 * The path of a request that handlers are found by: parsed for path patterns, or
	 * resolved by the handler mapping's {@code UrlPathHelper} where it matches with an
	 * {@code AntPathMatcher}.
	 * @return the lookup path
	 */
	LookupPath lookupPath() {
		if (this.handlerMapping == null || this.handlerMapping.getPatternParser() != null) {
			return LookupPath.parsed();
		}
		return LookupPath.resolvedBy(this.handlerMapping.getUrlPathHelper());
	}

}
