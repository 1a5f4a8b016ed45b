package dev.tollgate.web.tomcat;

import java.lang.reflect.Constructor;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import javax.tools.ToolProvider;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.apache.catalina.connector.Response;
import org.apache.tomcat.util.buf.MessageBytes;
import org.apache.tomcat.util.http.MimeHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The direct access on real Catalina and Coyote responses, served through its valve.
 */
class TomcatResponseHeaderAccessTests {

	private final TomcatExchange exchange = new TomcatExchange();

	private final TomcatResponseHeaderAccess access = new TomcatResponseHeaderAccess(this.exchange);

	private final Response response = new Response(new org.apache.coyote.Response());

	private final MimeHeaders headers = this.response.getCoyoteResponse().getMimeHeaders();

	@Test
	void writesBytesThatTomcatSendsAsTheyAre() throws Exception {
		serve((served) -> this.access.of(served).set("RateLimit-Remaining", "99"));
		assertThat(this.headers.size()).isEqualTo(1);
		assertThat(this.headers.getName(0).getType()).isEqualTo(MessageBytes.T_BYTES);
		assertThat(this.headers.getValue(0).getType()).isEqualTo(MessageBytes.T_BYTES);
		assertThat(this.response.getHeader("ratelimit-remaining")).isEqualTo("99");
	}

	@Test
	void writesNumbersAsTomcatWritesContentLength() throws Exception {
		serve((served) -> this.access.of(served).set("RateLimit-Reset", 1_795_376_078L));
		assertThat(this.headers.getValue(0).getType()).isEqualTo(MessageBytes.T_BYTES);
		assertThat(this.response.getHeader("RateLimit-Reset")).isEqualTo("1795376078");
	}

	@Test
	void replacesAValueSetBefore() throws Exception {
		this.response.setHeader("RateLimit-Limit", "10");
		serve((served) -> {
			this.access.of(served).set("RateLimit-Limit", "200");
			this.access.of(served).set("RateLimit-Limit", 100);
		});
		assertThat(this.response.getHeaders("RateLimit-Limit")).containsExactly("100");
	}

	@Test
	void turnsControlCharactersIntoSpacesAsTomcatDoes() throws Exception {
		serve((served) -> this.access.of(served).set("RateLimit", "\"a\r\nSet-Cookie: x\";r=1\tt=2"));
		assertThat(this.response.getHeader("RateLimit")).isEqualTo("\"a  Set-Cookie: x\";r=1\tt=2");
		assertThat(this.response.getHeader("Set-Cookie")).isNull();
	}

	@Test
	void writesNothingOnceCommitted() throws Exception {
		this.response.getCoyoteResponse().setCommitted(true);
		serve((served) -> this.access.of(served).set("RateLimit-Limit", "100"));
		assertThat(this.headers.size()).isZero();
	}

	@Test
	void wrappersThatHandSetHeaderOnUnchangedAreSeenThrough() throws Exception {
		serve((served) -> this.access.of(new AddHeaderWatcher(new AddHeaderWatcher(served)))
			.set("RateLimit-Limit", "100"));
		assertThat(this.headers.getName(0).getType()).isEqualTo(MessageBytes.T_BYTES);
		assertThat(this.response.getHeader("RateLimit-Limit")).isEqualTo("100");
	}

	@Test
	void aWrapperThatOverridesSetHeaderGetsTheHeadersItself() throws Exception {
		RecordingWrapper[] wrapper = new RecordingWrapper[1];
		serve((served) -> {
			wrapper[0] = new RecordingWrapper(new AddHeaderWatcher(served));
			this.access.of(wrapper[0]).set("RateLimit-Limit", "100");
		});
		assertThat(wrapper[0].recorded).isEqualTo("RateLimit-Limit: 100");
		assertThat(this.headers.getName(0).getType()).isEqualTo(MessageBytes.T_STR);
	}

	@Test
	void outsideTheValveHeadersTakeTheServletApi() {
		this.access.of(this.response.getResponse()).set("RateLimit-Limit", "100");
		assertThat(this.response.getHeader("RateLimit-Limit")).isEqualTo("100");
		assertThat(this.headers.getName(0).getType()).isEqualTo(MessageBytes.T_STR);
	}

	@Test
	void forgetsTheResponseOnceServed() throws Exception {
		serve((served) -> {
		});
		this.access.of(this.response.getResponse()).set("RateLimit-Limit", "100");
		assertThat(this.headers.getName(0).getType()).isEqualTo(MessageBytes.T_STR);
	}

	/**
	 * A wrapper whose methods reflection cannot list, as on the JVM when one names a
	 * class that is not there ({@code NoClassDefFoundError}), or in a native image
	 * without its metadata, is not seen through: its headers take the Servlet API.
	 */
	@Test
	void aWrapperWhoseMethodsCannotBeListedGetsTheHeadersItself(@TempDir Path classes) throws Exception {
		compileAWrapperNamingAMissingClass(classes);
		try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() },
				getClass().getClassLoader())) {
			Class<?> wrapper = loader.loadClass("example.OptionalWrapper");
			assertThatExceptionOfType(NoClassDefFoundError.class)
				.isThrownBy(() -> wrapper.getMethod("setHeader", String.class, String.class));
			Constructor<?> wrapperOf = wrapper.getConstructor(HttpServletResponse.class);
			serve((served) -> {
				try {
					this.access.of((HttpServletResponse) wrapperOf.newInstance(served)).set("RateLimit-Limit", "100");
				}
				catch (ReflectiveOperationException ex) {
					throw new IllegalStateException(ex);
				}
			});
		}
		assertThat(this.response.getHeader("RateLimit-Limit")).isEqualTo("100");
		assertThat(this.headers.getName(0).getType()).isEqualTo(MessageBytes.T_STR);
	}

	/** Compiles a wrapper with a public method taking a class, then deletes that class. */
	private static void compileAWrapperNamingAMissingClass(Path classes) throws Exception {
		Path sources = Files.createDirectories(classes.resolve("sources/example"));
		Files.writeString(sources.resolve("Missing.java"), "package example; public class Missing { }");
		Files.writeString(sources.resolve("OptionalWrapper.java"), """
				package example;

				public class OptionalWrapper extends jakarta.servlet.http.HttpServletResponseWrapper {
					public OptionalWrapper(jakarta.servlet.http.HttpServletResponse response) {
						super(response);
					}
					public void use(Missing missing) {
					}
				}
				""");
		URL servletApi = HttpServletResponseWrapper.class.getProtectionDomain().getCodeSource().getLocation();
		int status = ToolProvider.getSystemJavaCompiler()
			.run(null, null, null, "-d", classes.toString(), "-cp", Path.of(servletApi.toURI()).toString(),
					sources.resolve("Missing.java").toString(), sources.resolve("OptionalWrapper.java").toString());
		assertThat(status).as("javac's exit status").isZero();
		Files.delete(classes.resolve("example/Missing.class"));
	}

	private void serve(Consumer<HttpServletResponse> filter) throws Exception {
		ExchangeValve.serve(this.exchange, null, this.response,
				(request, response) -> filter.accept(response.getResponse()));
	}

	/** Like Spring Security's wrappers: it watches addHeader, not setHeader. */
	private static final class AddHeaderWatcher extends HttpServletResponseWrapper {

		AddHeaderWatcher(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void addHeader(String name, String value) {
			super.addHeader(name, value);
		}

	}

	private static final class RecordingWrapper extends HttpServletResponseWrapper {

		String recorded;

		RecordingWrapper(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void setHeader(String name, String value) {
			this.recorded = name + ": " + value;
			super.setHeader(name, value);
		}

	}

}
