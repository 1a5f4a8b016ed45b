package dev.tollgate.annotation;

import dev.tollgate.rule.InvalidRateLimitException;
import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.rule.RateLimitRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A bad annotation value fails start-up, naming the class and method, and so does a
 * {@code @RateLimit} that would limit nothing.
 */
class InvalidAnnotationTests {

	@Test
	void unparsableRateNamesClassAndMethod() {
		assertThat(startupFailure(BadRateApplication.class).getMessage())
			.contains("@RateLimit(name = \"BadRate.orders\").rate[0] on " + BadRate.class.getName() + "#orders")
			.contains("'lots'")
			.contains("for example: 200/1m");
	}

	@Test
	void unknownKeyResolverNamesClassAndMethod() {
		assertThat(startupFailure(BadKeyApplication.class).getMessage())
			.contains("@RateLimit(name = \"BadKey.orders\").key on " + BadKey.class.getName() + "#orders")
			.contains("'session'");
	}

	@Test
	void routesOfAnAnnotatedLimitCannotBeChangedFromConfiguration() {
		assertThat(startupFailure(BadKeyApplication.class, "tollgate.limits[BadKey.orders].paths=/x").getMessage())
			.contains("tollgate.limits.BadKey.orders.paths");
	}

	@Test
	void aRateLimitOnAMethodThatHandlesNoRequestFailsStartup() {
		assertThat(startupFailure(OnAServiceApplication.class).getMessage())
			.contains("for @RateLimit on " + OrderService.class.getName() + "#place: Tollgate limits HTTP requests")
			.contains("'a method that handles no request'");
	}

	@Test
	void aRateLimitOnAClassWithoutHandlersFailsStartup() {
		assertThat(startupFailure(OnAComponentApplication.class).getMessage())
			.contains("for @RateLimit on " + LimitedComponent.class.getName() + ": Tollgate limits HTTP requests")
			.contains("'a class none of whose methods handles a request'");
	}

	@Test
	void handlersInheritedOrDeclaredByAnInterfaceAreNotStray() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(InheritedHandlersApplication.class)
			.properties("server.port=0")
			.run()) {
			assertThat(context.getBean(RateLimitRules.class).getLimits()).extracting(RateLimitRule::getName)
				.contains("Inherited.list", "Implemented.search");
		}
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void handlersToldApartOnlyByConditionsAreNamedAtStartup(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SharedPathApplication.class)
			.properties("server.port=0")
			.run()) {
			String csv = Reports.class.getName() + "#csv";
			String json = Reports.class.getName() + "#json";
			assertThat(output).contains("The rate limits of " + csv + " also count the requests " + json
					+ " serves on /report: Tollgate routes by path and method")
				.contains("The exemption of " + json + " does not reach its requests on /report, which " + csv
						+ " may serve: Tollgate routes by path and method")
				.doesNotContain("/report/{id}");
		}
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aPatternOnlyAnAntPathMatcherReadsIsNamedAtStartup(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AntPatternApplication.class)
			.properties("server.port=0", "spring.mvc.pathmatch.matching-strategy=ant-path-matcher")
			.run()) {
			assertThat(output).contains("The mapping of " + AntPattern.class.getName() + "#meta has '**' inside a "
					+ "pattern, which only an AntPathMatcher reads: its rate limits cover all of /files/**");
		}
	}

	private static InvalidRateLimitException startupFailure(Class<?> application, String... properties) {
		Throwable[] failure = new Throwable[1];
		assertThatThrownBy(() -> new SpringApplicationBuilder(application).properties("server.port=0")
			.properties(properties)
			.run()
			.close()).satisfies((thrown) -> failure[0] = thrown);
		Throwable current = failure[0];
		while (current != null && !(current instanceof InvalidRateLimitException)) {
			current = current.getCause();
		}
		assertThat(current).as("cause of %s", failure[0]).isInstanceOf(InvalidRateLimitException.class);
		return (InvalidRateLimitException) current;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(BadRate.class)
	static class BadRateApplication {

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(BadKey.class)
	static class BadKeyApplication {

	}

	@RestController
	static class BadRate {

		@GetMapping("/orders")
		@RateLimit("lots")
		String orders() {
			return "orders";
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(OrderService.class)
	static class OnAServiceApplication {

	}

	@Service
	static class OrderService {

		@RateLimit(rate = "10/1m")
		void place() {
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(LimitedComponent.class)
	static class OnAComponentApplication {

	}

	@Component
	@RateLimit(rate = "10/1m")
	static class LimitedComponent {

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(AntPattern.class)
	static class AntPatternApplication {

	}

	@RestController
	static class AntPattern {

		@GetMapping("/files/**/meta")
		@RateLimit(name = "meta", rate = "5/1m")
		String meta() {
			return "meta";
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Reports.class)
	static class SharedPathApplication {

	}

	@RestController
	static class Reports {

		@GetMapping(path = "/report", produces = "text/csv")
		@RateLimit(name = "csv", rate = "5/1h")
		String csv() {
			return "a,b";
		}

		@GetMapping("/report")
		@RateLimitExempt
		String json() {
			return "{}";
		}

		@GetMapping(path = "/report/{id}", produces = "text/csv")
		@RateLimit(name = "one-csv", rate = "5/1h")
		String oneCsv() {
			return "a,b";
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ Inherited.class, Implemented.class })
	static class InheritedHandlersApplication {

	}

	abstract static class BaseController {

		@GetMapping("/inherited")
		@RateLimit(rate = "10/1m")
		String list() {
			return "list";
		}

	}

	@RestController
	static class Inherited extends BaseController {

	}

	interface SearchApi {

		@GetMapping("/search")
		@RateLimit(rate = "10/1m")
		String search();

	}

	@RestController
	static class Implemented implements SearchApi {

		@Override
		public String search() {
			return "results";
		}

	}

	@RestController
	static class BadKey {

		@GetMapping("/orders")
		@RateLimit(rate = "1/1m", key = "session")
		String orders() {
			return "orders";
		}

	}

}
