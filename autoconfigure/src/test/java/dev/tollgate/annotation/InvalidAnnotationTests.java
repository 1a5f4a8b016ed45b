package dev.tollgate.annotation;

import dev.tollgate.rule.InvalidRateLimitException;
import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.rule.RateLimitRules;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
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
