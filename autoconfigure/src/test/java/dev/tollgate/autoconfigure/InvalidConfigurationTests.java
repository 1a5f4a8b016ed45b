package dev.tollgate.autoconfigure;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every invalid configuration fails start-up with a message that names the property.
 */
class InvalidConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TollgateAutoConfiguration.class));

	static Stream<Arguments> invalidConfigurations() {
		String api = "tollgate.limits.api.";
		return Stream.of(
				arguments("tollgate.limits.api.rate[0]", new String[] { api + "paths=/**", api + "rate=200 per minute" }),
				arguments("tollgate.limits.api.rate[0]", new String[] { api + "paths=/**", api + "rate=0/1m" }),
				arguments("tollgate.limits.api.rate[0]", new String[] { api + "paths=/**", api + "rate=-3/1m" }),
				arguments("tollgate.limits.api.rate[1]", new String[] { api + "paths=/**", api + "rate=10/1s, 10/1y" }),
				arguments("tollgate.limits.api.rate", new String[] { api + "paths=/**" }),
				arguments("tollgate.limits.api.bandwidths[0].capacity",
						new String[] { api + "paths=/**", api + "bandwidths[0].capacity=0", api + "bandwidths[0].period=1m" }),
				arguments("tollgate.limits.api.bandwidths[0].period",
						new String[] { api + "paths=/**", api + "bandwidths[0].capacity=5" }),
				arguments("tollgate.limits.api.paths", new String[] { api + "rate=1/1m" }),
				arguments("tollgate.limits.api.paths[0]", new String[] { api + "paths=v1/**", api + "rate=1/1m" }),
				arguments("tollgate.limits.api.paths[0]", new String[] { api + "paths=/v1/{id", api + "rate=1/1m" }),
				arguments("tollgate.limits.api.methods[0]",
						new String[] { api + "paths=/**", api + "rate=1/1m", api + "methods=FETCH" }),
				arguments("tollgate.limits.api.key",
						new String[] { api + "paths=/**", api + "rate=1/1m", api + "key=session" }),
				arguments("tollgate.limits.api.key",
						new String[] { api + "paths=/**", api + "rate=1/1m", api + "key=header:" }),
				arguments("tollgate.limits.api.cost", new String[] { api + "paths=/**", api + "rate=1/1m", api + "cost=0" }),
				arguments("tollgate.limits.api.cost", new String[] { api + "paths=/**", api + "rate=5/1m", api + "cost=6" }),
				arguments("tollgate.limits.api.mode",
						new String[] { api + "paths=/**", api + "rate=1/1m", api + "mode=sometimes" }),
				arguments("tollgate.limits.api.refill",
						new String[] { api + "paths=/**", api + "rate=1/1m", api + "refill=trickle" }),
				arguments("tollgate.limits.api.rates",
						new String[] { api + "paths=/**", api + "rates=1/1m" }),
				arguments("tollgate.limits.bad name", new String[] { "tollgate.limits[bad name].paths=/**",
						"tollgate.limits[bad name].rate=1/1m" }),
				arguments("tollgate.default-limit.rate[0]", new String[] { "tollgate.default-limit.rate=fast" }),
				arguments("tollgate.headers.style", new String[] { "tollgate.headers.style=draft-99" }),
				arguments("tollgate.exempt[0]", new String[] { "tollgate.exempt=GRAB /x" }),
				arguments("tollgate.client-ip.trusted-proxies[1]",
						new String[] { "tollgate.client-ip.trusted-proxies=10.0.0.0/8, proxy.internal" }),
				arguments("tollgate.client-ip.trusted-proxies[0]",
						new String[] { "tollgate.client-ip.trusted-proxies=0.0.0.0/0" }),
				arguments("tollgate.client-ip.trusted-proxies[1]",
						new String[] { "tollgate.client-ip.trusted-proxies=10.0.0.0/8, ::/0" }),
				arguments("tollgate.client-ip.trusted-proxies[0]",
						new String[] { "tollgate.client-ip.trusted-proxies=::ffff:0.0.0.0/96" }),
				arguments("tollgate.client-ip.ipv6-prefix-length",
						new String[] { "tollgate.client-ip.ipv6-prefix-length=0" }),
				arguments("tollgate.client-ip.forwarded-header",
						new String[] { "tollgate.client-ip.forwarded-header=x-real-ip" }),
				arguments("tollgate.missing-key", new String[] { "tollgate.missing-key=ignore" }),
				arguments("tollgate.rejection.status", new String[] { "tollgate.rejection.status=200" }),
				arguments("tollgate.rejection.content-type", new String[] { "tollgate.rejection.content-type=json" }),
				arguments("tollgate.store.maximum-keys", new String[] { "tollgate.store.maximum-keys=0" }),
				arguments("tollgate.limits.api.plans.paid.rate", new String[] { api + "paths=/**", api + "rate=1/1m",
						api + "plans.paid.unlimited=false", api + "plan-resolver=header:X-Plan" }),
				arguments("tollgate.limits.api.plan-resolver",
						new String[] { api + "paths=/**", api + "rate=1/1m", api + "plans.paid.rate=5/1m" }),
				arguments("tollgate.limits.api.plans.default", new String[] { api + "paths=/**", api + "rate=1/1m",
						api + "plans.default.rate=5/1m", api + "plan-resolver=header:X-Plan" }));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidConfigurations")
	void failsStartupNamingTheProperty(String property, String[] properties) {
		this.contextRunner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure())).contains(property);
		});
	}

	private static String messages(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable current = failure; current != null; current = current.getCause()) {
			messages.append(current.getMessage()).append('\n');
		}
		return messages.toString();
	}

}
