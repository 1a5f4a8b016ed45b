package dev.tollgate.store.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.tollgate.ManualClock;
import dev.tollgate.RawHttp;
import dev.tollgate.RawHttp.Response;
import dev.tollgate.TestRedis;
import dev.tollgate.plan.RateLimitPlanResolver;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
 * The Redis store against a real Redis server, with whole applications on real ports:
 * one limit shared by two instances, keys with TTLs and no credentials in clear, the
 * failure policies while Redis is down, recovery when it is back, round trips, and
 * plans changing while instances cache them.
 */
class RedisStoreTests {

	/** How long a request may take with Redis away: far below Lettuce's 60 s default. */
	private static final Duration WELL_BEFORE_LETTUCES_DEFAULT = Duration.ofSeconds(10);

	@RegisterExtension
	static final TestRedis redis = new TestRedis();

	private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	/** The application's plans by API key, shared by every instance as a database would be. */
	private final Map<String, String> plans = new ConcurrentHashMap<>();

	@AfterEach
	void stopInstancesAndRestoreRedis() {
		this.instances.forEach(ConfigurableApplicationContext::close);
		redis.ensureRunning();
		redis.commands().flushall();
	}

	@Test
	void twoInstancesSharingRedisEnforceOneLimitExactly() throws Exception {
		RawHttp first = new RawHttp(port(start()));
		RawHttp second = new RawHttp(port(start()));
		int allowed = 0;
		int rejected = 0;
		for (int i = 0; i < 30; i++) {
			int status = ((i % 2 == 0) ? first : second).get("/shared").status();
			allowed += (status == 200) ? 1 : 0;
			rejected += (status == 429) ? 1 : 0;
		}
		assertThat(allowed).isEqualTo(10);
		assertThat(rejected).isEqualTo(20);
		Response afterWindow = first.get("/shared");
		assertThat(afterWindow.header("RateLimit")).isEqualTo("\"shared\";r=0;t=60");
	}

	/**
	 * An application on Redis stops cleanly: its timer thread, for requests that Redis
	 * does not answer in time, is stopped with it (a thread left running would hold the
	 * application's class loader, which Tomcat reports as a leak), and the connection
	 * that Spring Data's factory closed first is not closed again (Lettuce would warn).
	 */
	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void stopsItsTimerThreadAndClosesItsConnectionOnce(CapturedOutput output) throws Exception {
		Set<Thread> before = LiveThreads.named("tollgate-redis-timeouts");
		ConfigurableApplicationContext instance = start();
		Response stacked = new RawHttp(port(instance)).get("/stacked");
		assertThat(stacked.header("RateLimit")).isEqualTo("\"shared\";r=9;t=60, \"second\";r=99;t=60");
		Set<Thread> started = new HashSet<>(LiveThreads.named("tollgate-redis-timeouts"));
		started.removeAll(before);
		assertThat(started).as("timer threads the application started").hasSize(1);
		instance.close();
		for (Thread thread : started) {
			thread.join(Duration.ofSeconds(10).toMillis());
			assertThat(thread.isAlive()).as("the timer thread once the application stopped").isFalse();
		}
		assertThat(output).contains("Graceful shutdown complete").doesNotContain("Connection is already closed");
	}

	@Test
	void connectsAtStartUpSoTheFirstRequestIsLimitedOnRedis() throws Exception {
		ConfigurableApplicationContext instance = start();
		assertThat(instance.getBean(LettuceConnection.class).connectionStarted())
			.as("connecting before any request, not on the first one, which would wait longer than the timeout")
			.isTrue();
		Response first = new RawHttp(port(instance)).get("/shared");
		assertThat(first.header("RateLimit")).isEqualTo("\"shared\";r=9;t=60");
		assertThat(redis.commands().exists("tollgate-test:shared:127.0.0.1")).as("counted on Redis").isEqualTo(1);
	}

	@Test
	void keysCarryPrefixAndTtlAndNoCredentialInClear() throws Exception {
		RawHttp http = new RawHttp(port(start()));
		http.get("/shared");
		http.get("/keyed", "Authorization: Bearer secret-token-123");
		List<String> keys = redis.commands().keys("*");
		assertThat(keys).hasSize(2).allMatch((key) -> key.startsWith("tollgate-test:"));
		assertThat(keys).contains("tollgate-test:shared:127.0.0.1");
		assertThat(keys).noneMatch((key) -> key.contains("secret") || key.contains("Bearer"));
		for (String key : keys) {
			assertThat(redis.commands().pttl(key)).as("TTL of %s", key).isPositive();
			assertThat(redis.commands().get(key)).doesNotContain("secret-token");
		}
	}

	@Test
	void allowedRequestCostsOneEvalPerLimitInOneRoundTrip() throws Exception {
		ConfigurableApplicationContext instance = start();
		RawHttp http = new RawHttp(port(instance));
		LettuceConnection<?> connection = instance.getBean(LettuceConnection.class);
		redis.commands().scriptFlush();
		long before = connection.getCommandsSent();
		http.get("/shared");
		assertThat(connection.getCommandsSent() - before)
			.as("a new bucket, the script new to Redis: GET, EVALSHA answered NOSCRIPT, then EVAL")
			.isEqualTo(3);
		http.get("/stacked");
		before = connection.getCommandsSent();
		redis.resetStats();
		http.get("/shared");
		assertThat(connection.getCommandsSent() - before).as("one limit").isEqualTo(1);
		assertThat(redis.commandCalls())
			.as("one EVALSHA of the compare-and-swap script (not its text), its own GET and SET")
			.containsEntry("evalsha", 1L)
			.doesNotContainKey("eval")
			.containsEntry("get", 1L)
			.containsEntry("set", 1L);
		before = connection.getCommandsSent();
		http.get("/stacked");
		assertThat(connection.getCommandsSent() - before).as("two limits: two EVALs, sent together").isEqualTo(2);
		MeterRegistry registry = instance.getBean(MeterRegistry.class);
		assertThat(registry.get("tollgate.store.commands").functionCounter().count())
			.isEqualTo(connection.getCommandsSent());
		assertThat(registry.get("tollgate.store.keys").tag("store", "redis").gauge().value())
			.as("the states remembered: the keys of limits shared and second")
			.isEqualTo(2);
		assertThat(registry.get("tollgate.decision").timer().count())
			.as("decisions are timed with a store outside the JVM: one per request")
			.isEqualTo(4);
	}

	@Test
	void localPolicyKeepsLimitingOnThisInstanceAndRedisResumesWhenBack() throws Exception {
		ConfigurableApplicationContext instance = start("tollgate.store.on-failure=local");
		RawHttp http = new RawHttp(port(instance));
		assertThat(http.get("/shared").status()).isEqualTo(200);
		redis.stop();
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			statuses.add(timed(() -> http.get("/shared")).status());
		}
		assertThat(statuses.subList(0, 10)).containsOnly(200);
		assertThat(statuses.subList(10, 12)).containsOnly(429);
		assertThat(PolicyAnswers.of(instance, "shared")).isEqualTo(12);
		redis.start();
		Response resumed = awaitRedis(http);
		assertThat(resumed.header("RateLimit")).isEqualTo("\"shared\";r=9;t=60");
	}

	/**
	 * Both limits of a request are sent to Redis together; when Redis does not
	 * answer, each is answered by the policy on this instance, within one timeout.
	 */
	@Test
	void localPolicyAnswersEachOfStackedLimitsWhileRedisIsDown() throws Exception {
		ConfigurableApplicationContext instance = start("tollgate.store.on-failure=local");
		RawHttp http = new RawHttp(port(instance));
		assertThat(http.get("/stacked").header("RateLimit")).as("answered by Redis")
			.isEqualTo("\"shared\";r=9;t=60, \"second\";r=99;t=60");
		redis.stop();
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			statuses.add(timed(() -> http.get("/stacked")).status());
		}
		assertThat(statuses.subList(0, 10)).containsOnly(200);
		assertThat(statuses.subList(10, 12)).as("the shared limit, counted on this instance").containsOnly(429);
		assertThat(PolicyAnswers.of(instance, "shared")).isEqualTo(12);
		assertThat(PolicyAnswers.of(instance, "second")).isEqualTo(12);
	}

	/**
	 * The endpoint's bucket operations ask Redis: while it is down they answer 503,
	 * saying so, within the timeout, not a 500 after Lettuce's own.
	 */
	@Test
	void endpointAnswersServiceUnavailableForABucketWhileRedisIsDown() throws Exception {
		ConfigurableApplicationContext instance = start("management.endpoints.web.exposure.include=ratelimits");
		RawHttp http = new RawHttp(port(instance));
		assertThat(http.get("/shared").status()).isEqualTo(200);
		redis.stop();
		Response read = timed(() -> http.get("/actuator/ratelimits/shared/127.0.0.1"));
		assertThat(read.status()).isEqualTo(503);
		Response reset = timed(() -> http.send("DELETE", "/actuator/ratelimits/shared/127.0.0.1"));
		assertThat(reset.status()).isEqualTo(503);
		assertThat(http.get("/actuator/ratelimits").status()).as("the limits need no store").isEqualTo(200);
		redis.start();
		awaitRedis(http);
		Response back = http.get("/actuator/ratelimits/shared/127.0.0.1");
		assertThat(back.status()).isEqualTo(200);
		assertThat(back.body()).contains("\"tracked\":true");
	}

	@Test
	void allowPolicyLetsRequestsThroughWithoutHeadersWhileRedisIsDown() throws Exception {
		ConfigurableApplicationContext instance = start("tollgate.store.on-failure=allow");
		RawHttp http = new RawHttp(port(instance));
		redis.stop();
		for (int i = 0; i < 15; i++) {
			Response response = timed(() -> http.get("/shared"));
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.header("RateLimit")).isNull();
		}
		assertThat(PolicyAnswers.of(instance, "shared")).isEqualTo(15);
		redis.start();
		assertThat(awaitRedis(http).header("RateLimit")).isEqualTo("\"shared\";r=9;t=60");
	}

	@Test
	void denyPolicyRejectsWithTheConfiguredStatusWhileRedisIsDown() throws Exception {
		ConfigurableApplicationContext instance = start("tollgate.store.on-failure=deny",
				"tollgate.store.failure-status=503");
		RawHttp http = new RawHttp(port(instance));
		redis.stop();
		for (int i = 0; i < 8; i++) {
			Response response = timed(() -> http.get("/shared"));
			assertThat(response.status()).isEqualTo(503);
			assertThat(response.header("Retry-After")).isEqualTo("10");
			assertThat(response.body()).contains("\"limit\":\"shared\"");
		}
		assertThat(PolicyAnswers.of(instance, "shared")).isEqualTo(8);
		redis.start();
		assertThat(awaitRedis(http).status()).isEqualTo(200);
	}

	/**
	 * Also with Bucket4j's batching, whose buckets each have one asynchronous proxy that
	 * a request with one limit awaits.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "none", "batching" })
	void storeThatStopsAnsweringIsAnsweredWithinTheTimeout(String optimization) throws Exception {
		ConfigurableApplicationContext instance = start("tollgate.store.on-failure=allow",
				"tollgate.store.redis.optimization=" + optimization);
		RawHttp http = new RawHttp(port(instance));
		assertThat(http.get("/shared").header("RateLimit")).isEqualTo("\"shared\";r=9;t=60");
		redis.commands().clientPause(1500);
		Response paused = timed(() -> http.get("/shared"));
		assertThat(paused.status()).isEqualTo(200);
		assertThat(paused.header("RateLimit")).as("answered by the allow policy, not by Redis").isNull();
		assertThat(PolicyAnswers.of(instance, "shared")).isEqualTo(1);
	}

	@Test
	void storeThatAnswersWithErrorsIsAnsweredByThePolicy() throws Exception {
		ConfigurableApplicationContext instance = start("tollgate.store.on-failure=deny");
		RawHttp http = new RawHttp(port(instance));
		redis.commands().lpush("tollgate-test:shared:127.0.0.1", "not-a-bucket");
		Response denied = timed(() -> http.get("/shared"));
		assertThat(denied.status()).isEqualTo(503);
		assertThat(PolicyAnswers.of(instance, "shared")).isEqualTo(1);
	}

	/**
	 * Both instances cache a key's plan for 30 s. After an upgrade, the first instance
	 * resolves the new plan while the second still has the old one cached: the newest
	 * resolution wins in Redis, on both instances, and the tokens used stay used.
	 */
	@Test
	void newestPlanWinsOnEveryInstanceKeepingUsedTokens() throws Exception {
		RawHttp first = new RawHttp(port(start()));
		RawHttp second = new RawHttp(port(start()));
		this.plans.put("upgrading", "free");
		assertThat(first.get("/tiered", "X-Api-Key: upgrading").header("RateLimit-Policy"))
			.isEqualTo("\"tiered/free\";q=3;w=60");
		this.clock.advance(Duration.ofSeconds(20));
		assertThat(allowedAlternating(first, second, "upgrading", 4)).as("3 on free, 1 used above").isEqualTo(2);
		this.plans.put("upgrading", "paid");
		this.clock.advance(Duration.ofSeconds(10));
		Response upgraded = first.get("/tiered", "X-Api-Key: upgrading");
		assertThat(upgraded.header("RateLimit-Policy")).isEqualTo("\"tiered/paid\";q=6;w=60");
		assertThat(upgraded.header("RateLimit")).startsWith("\"tiered/paid\";r=2;");
		Response fromStaleInstance = second.get("/tiered", "X-Api-Key: upgrading");
		assertThat(fromStaleInstance.status()).as("the second instance still caches free, but paid is newer")
			.isEqualTo(200);
		assertThat(allowedAlternating(second, first, "upgrading", 4)).isEqualTo(1);
	}

	private static int allowedAlternating(RawHttp first, RawHttp second, String apiKey, int requests)
			throws Exception {
		int allowed = 0;
		for (int i = 0; i < requests; i++) {
			Response response = ((i % 2 == 0) ? first : second).get("/tiered", "X-Api-Key: " + apiKey);
			assertThat(response.status()).isIn(200, 429);
			allowed += (response.status() == 200) ? 1 : 0;
		}
		return allowed;
	}

	@Test
	void wallClockJumpingBackDoesNotGiveTokensBack() throws Exception {
		ConfigurableApplicationContext instance = start();
		RawHttp http = new RawHttp(port(instance));
		for (int i = 0; i < 10; i++) {
			http.get("/shared");
		}
		this.clock.advance(Duration.ofHours(-1));
		Response afterJump = http.get("/shared");
		assertThat(afterJump.status()).isEqualTo(429);
		assertThat(PolicyAnswers.of(instance, "shared")).isZero();
		this.clock.advance(Duration.ofHours(1).plusMinutes(1));
		assertThat(http.get("/shared").status()).isEqualTo(200);
	}

	/**
	 * With Bucket4j's delaying, requests consume from the instance's copy of the bucket,
	 * which refills by the same clock as the buckets in Redis: the headers count down
	 * one by one across the synchronizations, and the limit holds.
	 */
	@Test
	void delayingCountsDownByTheApplicationsClock() throws Exception {
		RawHttp http = new RawHttp(port(start("tollgate.store.redis.optimization=delaying",
				"tollgate.store.redis.delay-tokens=3", "tollgate.store.redis.delay-timeout=1m")));
		List<String> headers = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			Response response = http.get("/shared");
			assertThat(response.status()).isEqualTo(200);
			headers.add(response.header("RateLimit"));
		}
		assertThat(headers).extracting((header) -> header.replaceAll(".*;r=(\\d+);.*", "$1"))
			.containsExactly("9", "8", "7", "6", "5", "4", "3", "2", "1", "0");
		assertThat(http.get("/shared").status()).isEqualTo(429);
	}

	@Test
	void healthFollowsRedis() throws Exception {
		RawHttp http = new RawHttp(port(start("management.endpoints.web.exposure.include=health",
				"management.endpoint.health.show-details=always")));
		assertThat(http.get("/shared").status()).isEqualTo(200);
		assertThat(http.get("/actuator/health/tollgate").body()).contains("\"status\":\"UP\"")
			.contains("\"store\":\"redis\"")
			.contains("\"circuitBreaker\":\"CLOSED\"")
			.as("one Redis server, one breaker")
			.doesNotContain("circuitBreakers");
		redis.stop();
		Response down = timed(() -> http.get("/actuator/health/tollgate"));
		assertThat(down.status()).isEqualTo(503);
		assertThat(down.body()).contains("\"status\":\"DOWN\"");
	}

	/**
	 * Once the circuit breaker's open period has passed (on the injected clock), the
	 * next requests go to Redis again; Lettuce reconnects on its own schedule, so poll
	 * for a bounded number of attempts.
	 */
	private Response awaitRedis(RawHttp http) throws Exception {
		for (int attempt = 0; attempt < 100; attempt++) {
			this.clock.advance(Duration.ofSeconds(11));
			Response response = timed(() -> http.get("/shared"));
			if (response.header("RateLimit") != null && response.header("RateLimit").contains("r=9")) {
				return response;
			}
			Thread.onSpinWait();
		}
		throw new AssertionError("limiting on Redis did not resume");
	}

	/**
	 * Every request answers by the store timeout (200 ms), never after Lettuce's own
	 * 60 s default. The bound leaves a busy two-core CI machine seconds of slack (a 2 s
	 * bound failed once); what answered, the policy or Redis, each test tells by the
	 * response and the meters.
	 */
	private static Response timed(HttpCall call) throws Exception {
		long start = System.nanoTime();
		Response response = call.send();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WELL_BEFORE_LETTUCES_DEFAULT);
		return response;
	}

	private ConfigurableApplicationContext start(String... extraProperties) {
		List<String> properties = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1",
				"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redis.port(),
				"tollgate.store.type=redis", "tollgate.store.redis.key-prefix=tollgate-test",
				"tollgate.store.redis.timeout=200ms", "tollgate.limits.shared.paths=/shared, /stacked",
				"tollgate.limits.shared.rate=10/1m", "tollgate.limits.second.paths=/stacked",
				"tollgate.limits.second.rate=100/1m", "tollgate.limits.keyed.paths=/keyed",
				"tollgate.limits.keyed.rate=5/1m", "tollgate.limits.keyed.key=header:Authorization",
				"tollgate.limits.tiered.paths=/tiered", "tollgate.limits.tiered.rate=1/1m",
				"tollgate.limits.tiered.key=header:X-Api-Key", "tollgate.limits.tiered.plans.free.rate=3/1m",
				"tollgate.limits.tiered.plans.paid.rate=6/1m", "tollgate.limits.tiered.plan-resolver=apiKeyPlans",
				"tollgate.plans.cache-ttl=30s"));
		properties.addAll(List.of(extraProperties));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(RedisTestApplication.class)
			.properties(properties.toArray(String[]::new))
			.initializers((applicationContext) -> {
				applicationContext.getBeanFactory().registerSingleton("manualClock", this.clock);
				RateLimitPlanResolver apiKeyPlans = (request) -> this.plans
					.get(String.valueOf(request.getHeader("X-Api-Key")));
				applicationContext.getBeanFactory().registerSingleton("apiKeyPlans", apiKeyPlans);
			})
			.run();
		this.instances.add(context);
		return context;
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	@FunctionalInterface
	private interface HttpCall {

		Response send() throws Exception;

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Endpoints.class)
	static class RedisTestApplication {

	}

	@RestController
	static class Endpoints {

		@GetMapping({ "/shared", "/stacked", "/keyed", "/tiered" })
		String ok() {
			return "ok";
		}

	}

}
