package dev.tollgate.store.redis;

import java.time.Duration;
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

	/**
	 * One master out of memory, which refuses writes, as a node in trouble does: its
	 * circuit breaker opens, and a client's bucket on another master is still counted
	 * there, not by the failure policy. Each master's breaker shows in health.
	 */
	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aFailingMasterLeavesTheBucketsOnTheOthersCountedThere(CapturedOutput output) throws Exception {
		ConfigurableApplicationContext instance = start("management.endpoints.web.exposure.include=health",
				"management.endpoint.health.show-details=always");
		RawHttp http = new RawHttp(port(instance));
		String failing = clientOnMaster(0);
		String healthy = clientOnMaster(1);
		assertThat(http.get("/single", "X-Forwarded-For: " + clientOnMaster(2)).status())
			.as("the first request connects, and Lettuce learns the cluster's topology")
			.isEqualTo(200);
		RedisCommands<String, String> outOfMemory = cluster.eachMaster().get(0);
		outOfMemory.configSet("maxmemory", "1");
		try {
			List<Integer> statuses = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				statuses.add(http.get("/single", "X-Forwarded-For: " + failing).status());
			}
			assertThat(statuses).as("counted in this instance's memory").containsExactly(200, 200, 200, 429, 429, 429);
			assertThat(PolicyAnswers.of(instance, "single")).isEqualTo(6);
			for (int i = 1; i <= 3; i++) {
				assertThat(http.get("/single", "X-Forwarded-For: " + healthy).header("RateLimit"))
					.isEqualTo("\"single\";r=" + (3 - i) + ";t=60");
			}
			assertThat(http.get("/single", "X-Forwarded-For: " + healthy).status()).isEqualTo(429);
			assertThat(PolicyAnswers.of(instance, "single")).as("the healthy master's client counted on Redis").isEqualTo(6);
			assertThat(cluster.eachMaster().get(1).exists(singleKey(healthy))).isOne();
			assertThat(output).contains("Rate-limit store node " + cluster.addressOf(0) + " is failing");
			Response health = http.get("/actuator/health/tollgate");
			assertThat(health.status()).isEqualTo(200);
			assertThat(health.body()).as("the breakers of the masters requests reached")
				.contains("\"circuitBreaker\":\"OPEN\"", "\"circuitBreakers\":{")
				.contains("\"" + cluster.addressOf(0) + "\":\"OPEN\"", "\"" + cluster.addressOf(1) + "\":\"CLOSED\"");
		}
		finally {
			outOfMemory.configSet("maxmemory", "0");
		}
		this.clock.advance(Duration.ofSeconds(11));
		assertThat(http.get("/single", "X-Forwarded-For: " + failing).header("RateLimit"))
			.as("past the open period, the recovered master counts its client again, from a full bucket")
			.isEqualTo("\"single\";r=2;t=60");
		assertThat(PolicyAnswers.of(instance, "single")).isEqualTo(6);
	}

	/** A client whose bucket under the {@code single} limit the given master holds. */
	private static String clientOnMaster(int master) {
		for (int client = 1; client < 255; client++) {
			String address = "203.0.113." + client;
			if (cluster.masterOf(singleKey(address)) == master) {
				return address;
			}
		}
		throw new IllegalStateException("no client on master " + master);
	}

	private static String singleKey(String client) {
		return "tollgate-test:single:" + client;
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
				"tollgate.limits.per-team.rate=100/1m", "tollgate.limits.per-team.key=header:X-Api-Key",
				"tollgate.limits.single.paths=/single", "tollgate.limits.single.rate=3/1m"));
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

		@GetMapping({ "/stacked", "/single" })
		String ok() {
			return "ok";
		}

	}

}
