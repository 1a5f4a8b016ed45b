package dev.tollgate.web.tomcat;

import java.util.function.BiConsumer;

import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/** Runs an exchange's valve with the rest of the pipeline doing what the filter would. */
final class ExchangeValve {

	private ExchangeValve() {
	}

	static void serve(TomcatExchange exchange, Request request, Response response,
			BiConsumer<Request, Response> filter) throws Exception {
		Valve valve = exchange.valve();
		valve.setNext(new ValveBase(true) {
			@Override
			public void invoke(Request served, Response answered) {
				filter.accept(served, answered);
			}
		});
		valve.invoke(request, response);
	}

}
