package dev.tollgate.web.tomcat;

import java.io.IOException;

import jakarta.servlet.ServletException;

import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.jspecify.annotations.Nullable;

/**
 * Which Catalina response, and so which request, the current thread serves: remembered
 * by a {@link #valve() valve} in the context's pipeline while the rest of the pipeline,
 * the filters included, serves the request. It is what lets Tollgate read a request's
 * headers from Tomcat's bytes ({@link TomcatHeaderKeyReader}) and write a response's
 * into them ({@link TomcatResponseHeaderAccess}). It holds nothing between requests.
 */
public final class TomcatExchange {

	private final ThreadLocal<Response> current = new ThreadLocal<>();

	/**
	 * The valve that remembers the exchange; it must be in the pipeline of the context
	 * that runs the filter.
	 * @return a new valve
	 */
	public Valve valve() {
		return new CurrentResponseValve();
	}

	/**
	 * The response this thread serves.
	 * @return the Catalina response, or {@code null} outside the valve
	 */
	@Nullable Response response() {
		return this.current.get();
	}

	/**
	 * Remembers the Catalina response while the rest of the pipeline serves the request
	 * on this thread.
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
