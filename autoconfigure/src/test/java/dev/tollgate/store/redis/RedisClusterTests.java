package dev.tollgate.store.redis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.tollgate.ManualClock;
import dev.tollgate.RawHttp;
import dev.tollgate.RawHttp.Response;
import dev.tollgate.TestRedisCluster;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis store on a real Redis Cluster of three masters, configured as Spring Boot
 * users do ({@code spring.data.redis.cluster.nodes}): two instances share each client's
 * limits exactly while their buckets live on different nodes, a request's limits on
 * keys in different slots are counted and refunded together, a node that lost its
 * scripts gets them again, and an instance stops without Lettuce warnings.
 */
class RedisClusterTests {

	@RegisterExtension
	static final TestRedisCluster cluster = new TestRedisCluster();

	/** The instances' one clock: buckets refill only when a test moves it. */
	private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	@AfterEach
	void stopInstancesAndEmptyTheCluster() {
		this.instances.forEach(ConfigurableApplicationContext::close);
		cluster.eachMaster().forEach(RedisCommands::flushall);
	}

	@Test
	void twoInstancesShareEachClientsLimitsExactlyAcrossTheNodes() throws Exception {
		RawHttp first = new RawHttp(port(start()));
		RawHttp second = new RawHttp(port(start()));
		int allowed = 0;
		int rejected = 0;
		for (int client = 1; client <= 20; client++) {
			for (int request = 0; request < 5; request++) {
				if (client == 11 && request == 0) {
					// every node forgets the script: each answers NOSCRIPT once, and gets it whole
					cluster.eachMaster().forEach(RedisCommands::scriptFlush);
				}
				Response response = ((request % 2 == 0) ? first : second).get("/stacked",
						"X-Forwarded-For: 198.51.100." + client, "X-Api-Key: team-a");
				allowed += (response.status() == 200) ? 1 : 0;
				rejected += (response.status() == 429) ? 1 : 0;
			}
		}
		assertThat(allowed).as("3 for each of 20 clients").isEqualTo(60);
		assertThat(rejected).isEqualTo(40);
		Response next = second.get("/stacked", "X-Forwarded-For: 198.51.100.21", "X-Api-Key: team-a");
		assertThat(next.header("RateLimit"))
			.as("the team's limit took the 60 allowed and gave back what the clients' limit rejected")
			.isEqualTo("\"per-client\";r=2;t=60, \"per-team\";r=39;t=60");
	}

	@Test
	void bucketsSpreadOverEveryNodeWithTtlsAndNoCredentialInClear() throws Exception {
		RawHttp http = new RawHttp(port(start()));
		for (int client = 1; client <= 20; client++) {
			assertThat(http.get("/stacked", "X-Forwarded-For: 198.51.100." + client, "X-Api-Key: team-a").status())
				.isEqualTo(200);
		}
		List<String> keys = new ArrayList<>();
		for (RedisCommands<String, String> node : cluster.eachMaster()) {
			List<String> held = node.keys("*");
			assertThat(held).as("keys on a node").isNotEmpty();
			for (String key : held) {
				assertThat(node.pttl(key)).as("TTL of %s", key).isPositive();
			}
			keys.addAll(held);
		}
		assertThat(keys).hasSize(21)
			.allMatch((key) -> key.startsWith("tollgate-test:per-client:198.51.100.")
					|| key.startsWith("tollgate-test:per-team:"))
			.noneMatch((key) -> key.contains("team-a"));
	}

	@Test
	void healthPingsTheCluster() throws Exception {
		RawHttp http = new RawHttp(port(start("management.endpoints.web.exposure.include=health",
				"management.endpoint.health.show-details=always")));
		Response health = http.get("/actuator/health/tollgate");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"store\":\"redis\"");
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void stopsWithoutClosingTheNodeConnectionsTwice(CapturedOutput output) throws Exception {
		ConfigurableApplicationContext instance = start();
		assertThat(new RawHttp(port(instance)).get("/stacked", "X-Api-Key: team-a").status()).isEqualTo(200);
		instance.close();
		assertThat(output).contains("Graceful shutdown complete").doesNotContain("Connection is already closed");
	}

	private ConfigurableApplicationContext start(String... extraProperties) {
		List<String> properties = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1",
				"spring.data.redis.cluster.nodes=" + cluster.nodesProperty(), "tollgate.store.type=redis",
				"tollgate.store.redis.key-prefix=tollgate-test", "tollgate.store.redis.timeout=2s",
				"tollgate.client-ip.trusted-proxies=127.0.0.1/32", "tollgate.limits.per-client.paths=/stacked",
				"tollgate.limits.per-client.rate=3/1m", "tollgate.limits.per-team.paths=/stacked",
				"tollgate.limits.per-team.rate=100/1m", "tollgate.limits.per-team.key=header:X-Api-Key"));
		properties.addAll(List.of(extraProperties));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ClusterTestApplication.class)
			.properties(properties.toArray(String[]::new))
			.initializers((applicationContext) -> applicationContext.getBeanFactory()
				.registerSingleton("manualClock", this.clock))
			.run();
		this.instances.add(context);
		return context;
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Endpoints.class)
	static class ClusterTestApplication {

	}

	@RestController
	static class Endpoints {

		@GetMapping("/stacked")
		String ok() {
			return "ok";
		}

	}

}
