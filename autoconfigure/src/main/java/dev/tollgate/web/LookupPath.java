package dev.tollgate.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.UrlPathHelper;

/**
 * The path of a request that limits are matched against: the one Spring MVC's handler
 * mappings find handlers by, so that no spelling of a path reaches a handler while
 * missing its limit.
 */
@FunctionalInterface
public interface LookupPath {

	/**
	 * The path of a request within the application.
	 * @param request the request
	 * @return its path
	 * @throws IllegalArgumentException if the path cannot be parsed
	 */
	PathContainer of(HttpServletRequest request);

	/**
	 * The path as the DispatcherServlet parses it for {@code PathPattern} matching, the
	 * default: from the raw request URI, without the context path, with {@code ;}
	 * parameters set apart and each segment decoded for matching. The parsed path is left
	 * as it was found.
	 * @return the lookup path
	 */
	static LookupPath parsed() {
		return (request) -> {
			if (ServletRequestPathUtils.hasParsedRequestPath(request)) {
				return ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication();
			}
			RequestPath path = ServletRequestPathUtils.parseAndCache(request);
			ServletRequestPathUtils.clearParsedRequestPath(request);
			return path.pathWithinApplication();
		};
	}

	/**
	 * The path as a handler mapping's {@code UrlPathHelper} resolves it, for
	 * {@code AntPathMatcher} matching ({@code spring.mvc.pathmatch.matching-strategy=ant-path-matcher}):
	 * decoded, without {@code ;} parameters and with {@code //} made {@code /}. It is
	 * matched as it is, not decoded again.
	 * @param urlPathHelper the handler mapping's helper
	 * @return the lookup path
	 */
	static LookupPath resolvedBy(UrlPathHelper urlPathHelper) {
		PathContainer.Options asResolved = PathContainer.Options.create('/', false);
		return (request) -> PathContainer.parsePath(urlPathHelper.getLookupPathForRequest(request), asResolved);
	}

}
