package dev.tollgate.sample;

import java.util.List;

import dev.tollgate.RawHttp;
import dev.tollgate.RawHttp.Response;
import dev.tollgate.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app with {@code --tollgate.store.type=redis}: two instances of the
 * secrets API profile share the 10/minute token exchange limit through Redis.
 */
class SampleRedisModeTests {

	@RegisterExtension
	static final TestRedis redis = new TestRedis();

	@Test
	void twoInstancesShareTheTokenExchangeLimit() throws Exception {
		try (ConfigurableApplicationContext first = start(); ConfigurableApplicationContext second = start()) {
			List<RawHttp> instances = List.of(new RawHttp(port(first)), new RawHttp(port(second)));
			int allowed = 0;
			for (int i = 0; i < 16; i++) {
				Response response = instances.get(i % 2).post("/v1/auth/exchange", "Authorization: Bearer shared");
				allowed += (response.status() == 200) ? 1 : 0;
			}
			assertThat(allowed).isEqualTo(10);
			assertThat(redis.commands().keys("tollgate:token-exchange:*")).hasSize(1);
			Response health = instances.get(0).get("/actuator/health/tollgate");
			assertThat(health.body()).contains("\"store\":\"redis\"").contains("\"status\":\"UP\"");
		}
	}

	private static ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(TollgateSampleApplication.class)
			.run("--spring.profiles.active=secrets-api", "--tollgate.store.type=redis", "--server.port=0",
					"--spring.data.redis.port=" + redis.port());
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
