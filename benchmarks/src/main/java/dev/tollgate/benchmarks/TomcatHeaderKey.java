package dev.tollgate.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import dev.tollgate.key.HeaderKeyReader;
import dev.tollgate.key.KeyHasher;
import dev.tollgate.key.Sha256KeyHasher;
import dev.tollgate.key.SipHashKeyHasher;
import dev.tollgate.web.tomcat.TomcatExchange;
import dev.tollgate.web.tomcat.TomcatHeaderKeyReader;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.tomcat.util.buf.MessageBytes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The key of an API key header on Tomcat, as the in-memory store's hasher makes it
 * ({@code hasher=siphash}) or Redis's ({@code sha256}):
 * read through the Servlet API ({@code servlet}: Tomcat decodes the value into a string
 * first) or from the request's bytes ({@code direct}, {@link TomcatHeaderKeyReader}),
 * each inside the valve that tells the direct reader which request it serves, on real
 * Catalina and Coyote requests whose header holds the bytes received, as after parsing
 * a request. With the caches as a loop leaves them ({@code evicted=0}) or emptied of the
 * core's L2 before each invocation, as between two HTTP requests ({@code ColdDecision}).
 * {@code nothing} is the valve alone.
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar TomcatHeaderKey -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = { "-Xms2g", "-Xmx2g" })
@State(Scope.Thread)
public class TomcatHeaderKey {

	/** A request's head as received: the key as the many-keys load sends it. */
	private static final byte[] RECEIVED = "GET /api/orders/42 HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: key-1-123456\r\n\r\n"
		.getBytes(StandardCharsets.ISO_8859_1);

	private static final int VALUE_START = 57;

	private static final int VALUE_LENGTH = 12;

	@Param({ "0", "4194304" })
	private int evicted;

	/** The in-memory store's hasher, or Redis's ({@code sha256}). */
	@Param({ "siphash", "sha256" })
	private String hasher;

	private CacheEviction eviction;

	private KeyHasher keyHasher;

	private final TomcatExchange exchange = new TomcatExchange();

	private Request request;

	private Response response;

	private MessageBytes value;

	private Valve servlet;

	private Valve direct;

	private Valve nothing;

	private String key;

	@Setup
	public void setUp() throws Exception {
		this.eviction = new CacheEviction(this.evicted);
		this.keyHasher = "sha256".equals(this.hasher) ? new Sha256KeyHasher() : new SipHashKeyHasher();
		org.apache.coyote.Request coyote = new org.apache.coyote.Request();
		coyote.getMimeHeaders().addValue("Host").setBytes(RECEIVED, 35, 9);
		this.value = coyote.getMimeHeaders().addValue("X-Api-Key");
		this.request = new Request(null, coyote);
		this.response = new Response(new org.apache.coyote.Response());
		this.request.setResponse(this.response);
		this.response.setRequest(this.request);
		HeaderKeyReader servletReader = HeaderKeyReader.servlet();
		HeaderKeyReader directReader = new TomcatHeaderKeyReader(this.exchange);
		this.servlet = valve((served) -> this.key = servletReader.read(served, "X-Api-Key", this.keyHasher));
		this.direct = valve((served) -> this.key = directReader.read(served, "X-Api-Key", this.keyHasher));
		this.nothing = valve((served) -> this.key = null);
		received();
		this.servlet.invoke(this.request, this.response);
		String viaString = this.key;
		received();
		this.direct.invoke(this.request, this.response);
		if (!viaString.equals(this.key) || !new String(RECEIVED, VALUE_START, VALUE_LENGTH, StandardCharsets.ISO_8859_1)
			.equals("key-1-123456")) {
			throw new IllegalStateException("the two readers disagree: " + viaString + " and " + this.key);
		}
	}

	private Valve valve(java.util.function.Consumer<jakarta.servlet.http.HttpServletRequest> filter) {
		Valve valve = this.exchange.valve();
		valve.setNext(new ValveBase(true) {
			@Override
			public void invoke(Request request, Response response) {
				filter.accept(request.getRequest());
			}
		});
		return valve;
	}

	/** As Tomcat parses a new request: the value is the bytes received, no string yet. */
	private void received() {
		this.value.setBytes(RECEIVED, VALUE_START, VALUE_LENGTH);
	}

	@Setup(Level.Invocation)
	public void nextRequest() {
		received();
		this.eviction.evict();
	}

	@Benchmark
	public String nothing() throws Exception {
		this.nothing.invoke(this.request, this.response);
		return this.key;
	}

	@Benchmark
	public String servlet() throws Exception {
		this.servlet.invoke(this.request, this.response);
		return this.key;
	}

	@Benchmark
	public String direct() throws Exception {
		this.direct.invoke(this.request, this.response);
		return this.key;
	}

}
