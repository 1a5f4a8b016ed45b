package dev.tollgate.web.tomcat;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponseWrapper;

import dev.tollgate.web.WrapperMethod;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.jspecify.annotations.Nullable;

/**
 * Which Catalina request and response the current thread serves: remembered by a
 * {@link #valve() valve} in the context's pipeline while the rest of the pipeline, the
 * filters included, serves the request. It is what lets Tollgate read a request's
 * headers from Tomcat's bytes ({@link TomcatHeaderKeyReader}) and write a response's
 * into them ({@link TomcatResponseHeaderAccess}). It holds nothing between requests.
 * <p>
 * A filter is given Tomcat's own request and response only through their facades, and
 * perhaps through wrappers. Reading or writing the headers behind a wrapper changes
 * nothing it would have seen only if it leaves the method in question as the Servlet
 * API's wrapper wrote it ({@code getHeader} for requests, {@code setHeader} for
 * responses); otherwise this exchange answers that there is none, and the header takes
 * the Servlet API.
 */
public final class TomcatExchange {

	private final ThreadLocal<Response> current = new ThreadLocal<>();

	private final WrapperMethod requestWrapperPassesOn = new WrapperMethod(HttpServletRequestWrapper.class, "getHeader",
			String.class);

	private final WrapperMethod responseWrapperPassesOn = new WrapperMethod(HttpServletResponseWrapper.class,
			"setHeader", String.class, String.class);

	/**
	 * The valve that remembers the exchange; it must be in the pipeline of the context
	 * that runs the filter.
	 * @return a new valve
	 */
	public Valve valve() {
		return new CurrentResponseValve();
	}

	/**
	 * Tomcat's own request, if this thread serves one and the filter's request reaches
	 * it through wrappers that hand {@code getHeader} on unchanged.
	 * @param seen the request the filter was given
	 * @return the Catalina request, or {@code null}
	 */
	@Nullable Request request(ServletRequest seen) {
		Response served = this.current.get();
		Request request = (served != null) ? served.getRequest() : null;
		return (request != null && reaches(seen, request.getRequest(), this.requestWrapperPassesOn)) ? request : null;
	}

	/**
	 * Tomcat's own response, if this thread serves one and the filter's response
	 * reaches it through wrappers that hand {@code setHeader} on unchanged.
	 * @param seen the response the filter was given
	 * @return the Catalina response, or {@code null}
	 */
	@Nullable Response response(ServletResponse seen) {
		Response served = this.current.get();
		return (served != null && reaches(seen, served.getResponse(), this.responseWrapperPassesOn)) ? served : null;
	}

	/**
	 * Whether unwrapping what the filter saw comes to Tomcat's facade, through wrappers
	 * only of classes that pass the method on (which makes them Servlet API wrappers).
	 */
	private static boolean reaches(Object seen, Object facade, WrapperMethod passesOn) {
		Object candidate = seen;
		while (candidate != facade) {
			if (!passesOn.handsOn(candidate.getClass())) {
				return false;
			}
			candidate = (candidate instanceof ServletRequestWrapper request) ? request.getRequest()
					: ((ServletResponseWrapper) candidate).getResponse();
		}
		return true;
	}

	/**
	 * Remembers the Catalina response, and through it the request, while the rest of
	 * the pipeline serves the request on this thread.
	 */
	private final class CurrentResponseValve extends ValveBase {

		CurrentResponseValve() {
			super(true);
		}

		@Override
		public void invoke(Request request, Response response) throws IOException, ServletException {
			Response previous = TomcatExchange.this.current.get();
			TomcatExchange.this.current.set(response);
			try {
				getNext().invoke(request, response);
			}
			finally {
				TomcatExchange.this.current.set(previous);
			}
		}

	}

}
