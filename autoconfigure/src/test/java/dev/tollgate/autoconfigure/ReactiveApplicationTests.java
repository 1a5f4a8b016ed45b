package dev.tollgate.autoconfigure;

import dev.tollgate.annotation.RateLimit;
import dev.tollgate.limiter.RateLimiter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tollgate limits Spring MVC applications. A reactive application that declares limits,
 * in properties or with {@code @RateLimit}, fails start-up rather than run with limits
 * that protect nothing; one that declares none (it may use Tollgate's client side)
 * starts as usual.
 */
class ReactiveApplicationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TollgateAutoConfiguration.class,
				TollgateReactiveAutoConfiguration.class));

	@Test
	void namedLimitsInAReactiveApplicationFailStartup() {
		this.contextRunner.withPropertyValues("tollgate.limits.api.paths=/**", "tollgate.limits.api.rate=100/1m")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new InvalidRateLimitFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).isEqualTo("Invalid value 'true' for tollgate.enabled: Tollgate "
						+ "limits Spring MVC (servlet) applications, and the requests of this reactive one would never "
						+ "meet the limits configured under tollgate. Run the application on Spring MVC, or switch "
						+ "Tollgate off (for example: false)");
				assertThat(analysis.getAction())
					.isEqualTo("Update tollgate.enabled to a valid value, for example: false");
			});
	}

	@Test
	void aDefaultLimitInAReactiveApplicationFailsStartup() {
		this.contextRunner.withPropertyValues("tollgate.default-limit.rate=100/1m")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void aRateLimitOnAReactiveControllerFailsStartup() {
		this.contextRunner.withUserConfiguration(LimitedController.class).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidRateLimitFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription())
				.contains("would never meet the @RateLimit of " + LimitedController.class.getName());
		});
	}

	@Test
	void aReactiveApplicationWithoutLimitsStartsUnlimited() {
		this.contextRunner.withUserConfiguration(UnlimitedController.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(RateLimiter.class);
		});
	}

	@Test
	void aReactiveApplicationThatSwitchesTollgateOffStarts() {
		this.contextRunner
			.withPropertyValues("tollgate.enabled=false", "tollgate.limits.api.paths=/**",
					"tollgate.limits.api.rate=100/1m")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@RestController
	static class LimitedController {

		@GetMapping("/search")
		@RateLimit(rate = "10/1m")
		String search() {
			return "results";
		}

	}

	@RestController
	static class UnlimitedController {

		@GetMapping("/search")
		String search() {
			return "results";
		}

	}

}
