package dev.tollgate.store.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import dev.tollgate.ManualClock;
import dev.tollgate.ReplyLosingProxy;
import dev.tollgate.TestRedis;
import dev.tollgate.limiter.RateLimitDecision;
import dev.tollgate.limiter.RateLimiter;
import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.store.TokenBucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.NopeOptimizationListener;
import io.github.bucket4j.distributed.proxy.optimization.Optimization;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.distributed.proxy.optimization.delay.DelayOptimization;
import io.github.bucket4j.redis.lettuce.RedisApi;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.tollgate.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Two instances sharing one Redis, each with its own proxy manager remembering the
 * states it saw: round trips counted by the connection, and answers that never rest
 * on a state another instance has since changed. (Exactness under contention, with and
 * without Bucket4j's batching, is in {@code ConcurrencyTests}.)
 */
class LastKnownStateProxyManagerTests {

	@RegisterExtension
	static final TestRedis redis = new TestRedis();

	private static RedisClient client;

	private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final RateLimitRule rule = rule("api", "3/1m", "/**");

	private LettuceConnection<byte[]> connectionA;

	private LettuceConnection<byte[]> connectionB;

	private RedisBucketStore instanceA;

	private RedisBucketStore instanceB;

	@BeforeAll
	static void createClient() {
		client = RedisClient.create("redis://127.0.0.1:" + redis.port());
	}

	@AfterAll
	static void shutDownClient() {
		client.shutdown();
	}

	@BeforeEach
	void startInstances() {
		this.connectionA = LettuceConnection.on(client, Duration.ofSeconds(5));
		this.connectionB = LettuceConnection.on(client, Duration.ofSeconds(5));
		this.instanceA = redis.store(this.connectionA, this.clock, "test");
		this.instanceB = redis.store(this.connectionB, this.clock, "test");
		// as after the first request anywhere: Redis has the script (see below for when it has not)
		redis.commands().scriptLoad(LastKnownStateProxyManager.COMPARE_AND_SWAP);
	}

	@AfterEach
	void stopInstances() {
		this.connectionA.close();
		this.connectionB.close();
		redis.commands().flushall();
	}

	@Test
	void anInstanceThatLastChangedTheBucketNeedsOneRoundTrip() {
		assertThat(consume(this.instanceA, this.connectionA)).as("a new bucket: GET, then EVAL").isEqualTo(2);
		redis.resetStats();
		assertThat(consume(this.instanceA, this.connectionA)).as("its own state: EVAL only").isEqualTo(1);
		assertThat(redis.commandCalls()).as("the script run by its digest, its own GET and its SET")
			.containsEntry("evalsha", 1L)
			.doesNotContainKey("eval")
			.containsEntry("get", 1L)
			.containsEntry("set", 1L);
		assertThat(this.instanceA.find(this.rule, "k").availableTokens()).isEqualTo(1);
	}

	@Test
	void aScriptRedisDoesNotHaveIsSentWholeOnceThenRunByItsDigest() {
		redis.commands().scriptFlush();
		assertThat(consume(this.instanceA, this.connectionA))
			.as("a new bucket: GET, EVALSHA answered NOSCRIPT, then EVAL").isEqualTo(3);
		redis.resetStats();
		assertThat(consume(this.instanceA, this.connectionA)).as("Redis has the script again: EVALSHA only")
			.isEqualTo(1);
		assertThat(consume(this.instanceB, this.connectionB)).as("another instance: GET, then EVALSHA").isEqualTo(2);
		assertThat(redis.commandCalls()).containsEntry("evalsha", 2L).doesNotContainKey("eval");
		assertThat(this.instanceA.bucket(this.rule, "k").tryConsume(1, null).isConsumed())
			.as("three admitted in all: the capacity").isFalse();
	}

	@Test
	void anotherInstanceChangingTheBucketCostsOneMoreRoundTripAndNoToken() {
		consume(this.instanceA, this.connectionA);
		consume(this.instanceB, this.connectionB);
		assertThat(consume(this.instanceA, this.connectionA))
			.as("EVAL answered with B's state, then EVAL on it").isEqualTo(2);
		ConsumptionProbe fourth = this.instanceB.bucket(this.rule, "k").tryConsume(1, null);
		assertThat(fourth.isConsumed()).as("three admitted in all: the capacity").isFalse();
	}

	/**
	 * Both instances take a token from the same state at the same instant, so they
	 * compute the same new state; Redis holding exactly what B writes must not make B
	 * take A's write for its own (the script's answer to a command sent again): the
	 * values differ by their tags, and B's request is counted on A's state.
	 */
	@Test
	void twoInstancesComputingTheSameStateAtOnceAreBothCounted() {
		consume(this.instanceA, this.connectionA);
		assertThat(this.instanceB.bucket(this.rule, "k").availableTokens()).as("B reads A's state").isEqualTo(2);
		consume(this.instanceA, this.connectionA);
		assertThat(consume(this.instanceB, this.connectionB)).as("EVAL answered with A's state, then EVAL on it")
			.isEqualTo(2);
		assertThat(this.instanceA.bucket(this.rule, "k").availableTokens()).as("three taken").isZero();
	}

	@Test
	void aRejectionIsReadFromRedisNeverFromTheRememberedState() {
		for (int i = 0; i < 3; i++) {
			consume(this.instanceA, this.connectionA);
		}
		long before = this.connectionA.getCommandsSent();
		ConsumptionProbe rejected = this.instanceA.bucket(this.rule, "k").tryConsume(1, null);
		assertThat(rejected.isConsumed()).isFalse();
		assertThat(this.connectionA.getCommandsSent() - before).as("one GET: a rejection writes nothing").isEqualTo(1);
		assertThat(this.instanceB.remove(this.rule, "k")).isTrue();
		ConsumptionProbe afterReset = this.instanceA.bucket(this.rule, "k").tryConsume(1, null);
		assertThat(afterReset.isConsumed()).as("B reset the bucket; A's remembered one is empty").isTrue();
		assertThat(afterReset.getRemainingTokens()).isEqualTo(2);
	}

	@Test
	void aRefundByAnotherInstanceIsSeen() {
		for (int i = 0; i < 3; i++) {
			consume(this.instanceA, this.connectionA);
		}
		this.instanceB.bucket(this.rule, "k").addTokens(1);
		ConsumptionProbe probe = this.instanceA.bucket(this.rule, "k").tryConsume(1, null);
		assertThat(probe.isConsumed()).isTrue();
		assertThat(probe.getRemainingTokens()).isZero();
		assertThat(this.instanceA.bucket(this.rule, "k").availableTokens()).isZero();
	}

	@Test
	void aBucketThatExpiredInRedisStartsFullAgain() {
		for (int i = 0; i < 3; i++) {
			consume(this.instanceA, this.connectionA);
		}
		redis.commands().del("test:api:k");
		long before = this.connectionA.getCommandsSent();
		ConsumptionProbe probe = this.instanceA.bucket(this.rule, "k").tryConsume(1, null);
		assertThat(probe.isConsumed()).isTrue();
		assertThat(probe.getRemainingTokens()).isEqualTo(2);
		assertThat(this.connectionA.getCommandsSent() - before)
			.as("EVAL answered that there is no bucket, then EVAL creating it").isEqualTo(2);
		assertThat(redis.commands().pttl("test:api:k")).as("the new bucket has a TTL").isPositive();
	}

	@Test
	void aRequestRejectedByOneOfTwoLimitsCostsThreeCommandsInTwoRoundTrips() {
		RateLimitRule wide = rule("wide", "100/1m", "/**");
		RateLimitRule narrow = rule("narrow", "1/1m", "/**");
		RateLimiter limiter = new RateLimiter(this.instanceA);
		assertThat(limiter.consume(List.of(wide, narrow), List.of("k", "k")).isAllowed()).isTrue();
		long before = this.connectionA.getCommandsSent();
		RateLimitDecision decision = limiter.consume(List.of(wide, narrow), List.of("k", "k"));
		assertThat(decision.isAllowed()).isFalse();
		assertThat(this.connectionA.getCommandsSent() - before)
			.as("EVAL on wide with GET on narrow (a rejection is read), then EVAL refunding wide").isEqualTo(3);
		assertThat(this.instanceB.find(wide, "k").availableTokens()).as("the refund reached Redis").isEqualTo(99);
	}

	@Test
	void refillsAreComputedFromTheStateInRedis() {
		for (int i = 0; i < 3; i++) {
			consume(this.instanceA, this.connectionA);
		}
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(this.instanceB.bucket(this.rule, "k").tryConsume(1, null).getRemainingTokens())
			.as("refilled after the minute").isEqualTo(2);
		ConsumptionProbe probe = this.instanceA.bucket(this.rule, "k").tryConsume(1, null);
		assertThat(probe.isConsumed()).isTrue();
		assertThat(probe.getRemainingTokens()).as("after B's request, not A's remembered empty bucket refilled")
			.isEqualTo(1);
	}

	/**
	 * Redis is only sent commands two at a time: a limiter that waited for one limit's
	 * answer before sending the next limit's command would wait for ever (here, until
	 * the 2 s timeout fails the decision).
	 */
	@Test
	void theLimitsOfARequestAreSentTogetherInOneRoundTrip() {
		theLimitsOfARequestAreSentTogether(null);
	}

	/**
	 * The same with Bucket4j's batching, whose proxy keeps the state of concurrent
	 * requests: one asynchronous proxy per bucket.
	 */
	@Test
	void withBatchingTheLimitsOfARequestAreStillSentTogether() {
		theLimitsOfARequestAreSentTogether(Optimizations.batching());
	}

	private void theLimitsOfARequestAreSentTogether(@Nullable Optimization optimization) {
		InPairs inPairs = new InPairs(this.connectionA);
		RedisBucketStore store = redis.store(inPairs, Duration.ofSeconds(2), this.clock, "test", optimization);
		RateLimitRule wide = rule("wide", "100/1m", "/**");
		RateLimitRule narrow = rule("narrow", "10/1m", "/**");
		RateLimiter limiter = new RateLimiter(store);
		assertThat(limiter.consume(List.of(wide, narrow), List.of("k", "k")).isAllowed())
			.as("new buckets: two GETs together, then two EVALs together").isTrue();
		long before = this.connectionA.getCommandsSent();
		RateLimitDecision decision = limiter.consume(List.of(wide, narrow), List.of("k", "k"));
		assertThat(decision.isAllowed()).isTrue();
		assertThat(decision.getOutcomes()).extracting((outcome) -> outcome.remaining()).containsExactly(98L, 8L);
		assertThat(this.connectionA.getCommandsSent() - before).as("one EVAL per limit, sent together")
			.isEqualTo(2);
		assertThat(inPairs.pairsSent).isEqualTo(3);
		assertThat(this.instanceB.find(narrow, "k").availableTokens()).as("what Redis holds").isEqualTo(8);
	}

	/**
	 * Two limits reject a request that two others allowed: the two refunds go to Redis
	 * together, as the limits' commands did. A limiter that awaited one refund before
	 * sending the next would see the first time out (after 2 s), leaving it unrefunded.
	 */
	@Test
	void theRefundsOfARejectedRequestAreSentTogetherInOneRoundTrip() {
		InPairs inPairs = new InPairs(this.connectionA);
		RedisBucketStore store = redis.store(inPairs, Duration.ofSeconds(2), this.clock, "test");
		List<RateLimitRule> limits = List.of(rule("wide", "100/1m", "/**"), rule("narrow", "1/1m", "/**"),
				rule("hourly", "100/1h", "/**"), rule("burst", "1/1s", "/**"));
		List<String> keys = List.of("k", "k", "k", "k");
		RateLimiter limiter = new RateLimiter(store);
		assertThat(limiter.consume(limits, keys).isAllowed()).isTrue();
		long before = this.connectionA.getCommandsSent();
		int pairsBefore = inPairs.pairsSent;
		RateLimitDecision decision = limiter.consume(limits, keys);
		assertThat(decision.isAllowed()).isFalse();
		assertThat(decision.getOutcomes()).extracting((outcome) -> outcome.remaining())
			.as("wide and hourly refunded").containsExactly(99L, 0L, 99L, 0L);
		assertThat(this.connectionA.getCommandsSent() - before)
			.as("an EVAL or a GET per limit, then an EVAL per refund").isEqualTo(6);
		assertThat(inPairs.pairsSent - pairsBefore).as("the limits two by two, then the refunds together")
			.isEqualTo(3);
		assertThat(this.instanceB.find(limits.get(0), "k").availableTokens()).as("what Redis holds").isEqualTo(99);
		assertThat(this.instanceB.find(limits.get(2), "k").availableTokens()).isEqualTo(99);
	}

	/**
	 * Bucket4j's delaying, on the bucket's one asynchronous proxy: requests consume
	 * locally, and Redis hears of them once more than {@code delay-tokens} (3) are
	 * unsynchronized. The proxy is kept between requests, so its local state is too;
	 * it refills by the proxy manager's clock, as Tollgate configures it.
	 */
	@Test
	void withDelayingRedisIsSynchronizedOnceTheUnsynchronizedTokensExceedTheBound() {
		RedisBucketStore store = redis.store(this.connectionA, this.clock, "test", new DelayOptimization(
				new DelayParameters(3, Duration.ofMinutes(1)), NopeOptimizationListener.INSTANCE, this.clock));
		RateLimitRule rule = rule("api", "100/1m", "/**");
		List<Long> remaining = new ArrayList<>();
		List<Long> sent = new ArrayList<>();
		List<Long> inRedis = new ArrayList<>();
		for (int i = 0; i < 9; i++) {
			long before = this.connectionA.getCommandsSent();
			ConsumptionProbe probe = store.bucket(rule, "k").tryConsume(1, null);
			assertThat(probe.isConsumed()).isTrue();
			remaining.add(probe.getRemainingTokens());
			sent.add(this.connectionA.getCommandsSent() - before);
			inRedis.add(this.instanceB.find(rule, "k").availableTokens());
		}
		assertThat(remaining).containsExactly(99L, 98L, 97L, 96L, 95L, 94L, 93L, 92L, 91L);
		assertThat(sent).as("a new bucket: GET, then EVAL; then one EVAL per four requests")
			.containsExactly(2L, 0L, 0L, 0L, 1L, 0L, 0L, 0L, 1L);
		assertThat(inRedis).containsExactly(99L, 99L, 99L, 99L, 95L, 95L, 95L, 95L, 91L);
	}

	/**
	 * Redis answers every compare-and-swap with a state other than the one sent, as
	 * if other instances changed the bucket without end: the request fails on its
	 * timeout, and no command follows once the timeout has passed.
	 */
	@Test
	void aRequestThatTimedOutSendsNoMoreCommands() throws Exception {
		consume(this.instanceA, this.connectionA);
		byte[] state = this.connectionA.get("test:api:k".getBytes(StandardCharsets.UTF_8)).get();
		ExecutorService network = Executors.newSingleThreadExecutor();
		try {
			AlwaysChanged redisAlwaysChanged = new AlwaysChanged(state, network);
			RedisBucketStore store = redis.store(redisAlwaysChanged, Duration.ofMillis(200), this.clock, "test");
			TokenBucket bucket = store.bucket(this.rule, "k");
			// JUnit's, not AssertJ's: it keeps any other exception as the failure's cause, whole
			assertThrows(io.github.bucket4j.TimeoutException.class, () -> bucket.tryConsume(1, null));
			long afterTimeout = afterPendingAnswers(network, redisAlwaysChanged);
			assertThat(afterTimeout).as("compare-and-swaps tried within the timeout").isPositive();
			assertThat(afterPendingAnswers(network, redisAlwaysChanged)).as("none once it passed")
				.isEqualTo(afterTimeout);
		}
		finally {
			network.shutdownNow();
		}
	}

	/**
	 * Through Bucket4j's asynchronous API, as a request's limits travel together, a
	 * Redis that never answers fails the request on its timeout, from the proxy
	 * manager's own timer thread, which closing the manager stops.
	 */
	@Test
	void anAsynchronousRequestFailsOnItsTimeoutFromTheManagersOwnTimer() throws Exception {
		LastKnownStateProxyManager manager = new LastKnownStateProxyManager(new Silent(), Duration.ofMillis(200),
				null, 100);
		BucketConfiguration configuration = BucketConfiguration.builder()
			.addLimit((limit) -> limit.capacity(3).refillGreedy(3, Duration.ofMinutes(1)))
			.build();
		CompletableFuture<Boolean> consumed = manager.asAsync()
			.builder()
			.build("k".getBytes(StandardCharsets.UTF_8), () -> CompletableFuture.completedFuture(configuration))
			.tryConsume(1);
		Thread[] failedOn = new Thread[1];
		CompletableFuture<Boolean> observed = consumed
			.whenComplete((result, failure) -> failedOn[0] = Thread.currentThread());
		assertThatExceptionOfType(CompletionException.class).isThrownBy(observed::join)
			.withCauseInstanceOf(io.github.bucket4j.TimeoutException.class);
		Thread timer = failedOn[0];
		assertThat(timer.getName()).isEqualTo("tollgate-redis-timeouts");
		assertThat(timer.isDaemon()).isTrue();
		manager.close();
		timer.join(Duration.ofSeconds(10).toMillis());
		assertThat(timer.isAlive()).as("the timer thread after close").isFalse();
	}

	/**
	 * The network fails after Redis ran a compare-and-swap and before its answer came:
	 * Lettuce reconnects and sends the command again, as it does every command left
	 * unanswered. Redis already holds what it writes, and the script knows its own
	 * write by the tag the state carries: the request counts once, not twice.
	 */
	@Test
	void aCompareAndSwapSentAgainAfterItsAnswerWasLostCountsOnce() throws Exception {
		RedisClient throughProxy = null;
		try (ReplyLosingProxy network = new ReplyLosingProxy(redis.port())) {
			throughProxy = RedisClient.create("redis://127.0.0.1:" + network.port());
			LettuceConnection<byte[]> connection = LettuceConnection.on(throughProxy, Duration.ofSeconds(5));
			RedisBucketStore instance = redis.store(connection, this.clock, "test");
			assertThat(consume(instance, connection)).as("a new bucket: GET, then EVAL").isEqualTo(2);
			redis.resetStats();
			network.loseNextAnswer();
			assertThat(consume(instance, connection)).as("one EVAL, its answer lost and sent again by Lettuce")
				.isEqualTo(1);
			assertThat(network.connections()).as("Lettuce reconnected").isEqualTo(2);
			assertThat(redis.commandCalls()).as("the script ran twice, writing once").containsEntry("evalsha", 2L)
				.containsEntry("set", 1L);
			assertThat(this.instanceB.bucket(this.rule, "k").availableTokens()).as("two of three taken").isEqualTo(1);
			connection.close();
		}
		finally {
			if (throughProxy != null) {
				throughProxy.shutdown();
			}
		}
	}

	/**
	 * A request given up on cancels the command it waits for, through either API, so
	 * that a command Lettuce holds while its connection is down is never sent.
	 */
	@Test
	void aRequestGivenUpOnCancelsTheCommandItWaitsFor() throws Exception {
		Silent silent = new Silent();
		try (LastKnownStateProxyManager manager = new LastKnownStateProxyManager(silent, Duration.ofMillis(200), null,
				100)) {
			BucketConfiguration configuration = BucketConfiguration.builder()
				.addLimit((limit) -> limit.capacity(3).refillGreedy(3, Duration.ofMinutes(1)))
				.build();
			assertThrows(io.github.bucket4j.TimeoutException.class, () -> manager.builder()
				.build("sync".getBytes(StandardCharsets.UTF_8), () -> configuration)
				.tryConsume(1));
			CompletableFuture<Boolean> consumed = manager.asAsync()
				.builder()
				.build("async".getBytes(StandardCharsets.UTF_8), () -> CompletableFuture.completedFuture(configuration))
				.tryConsume(1);
			assertThatExceptionOfType(CompletionException.class).isThrownBy(consumed::join)
				.withCauseInstanceOf(io.github.bucket4j.TimeoutException.class);
			assertThat(silent.sent).as("the read of each bucket's state").hasSize(2);
			assertThat(silent.sent).allMatch(Future::isCancelled);
		}
	}

	/** A Redis that never answers. */
	private static final class Silent implements RedisApi<byte[]> {

		/** The commands sent, each waiting for an answer that never comes. */
		private final List<RedisAnswer<?>> sent = new CopyOnWriteArrayList<>();

		@Override
		public <V> RedisFuture<V> eval(String script, ScriptOutputType type, byte[][] keys, byte[][] params) {
			return sent(new RedisAnswer<>());
		}

		@Override
		public RedisFuture<byte[]> get(byte[] key) {
			return sent(new RedisAnswer<>());
		}

		@Override
		public RedisFuture<?> delete(byte[] key) {
			return sent(new RedisAnswer<>());
		}

		private <V> RedisAnswer<V> sent(RedisAnswer<V> command) {
			this.sent.add(command);
			return command;
		}

	}

	/** The commands sent once every answer already on its way has been delivered. */
	private static long afterPendingAnswers(ExecutorService network, AlwaysChanged redis) throws Exception {
		network.submit(() -> null).get();
		return redis.commands.get();
	}

	private long consume(RedisBucketStore store, LettuceConnection<byte[]> connection) {
		long before = connection.getCommandsSent();
		TokenBucket bucket = store.bucket(this.rule, "k");
		assertThat(bucket.tryConsume(1, null).isConsumed()).isTrue();
		return connection.getCommandsSent() - before;
	}

	/**
	 * Holds each command until a second one comes, then sends both: the answer to the
	 * first can only come after the second has been sent.
	 */
	private static final class InPairs implements RedisApi<byte[]> {

		private final RedisApi<byte[]> redis;

		private final List<Runnable> held = new ArrayList<>();

		private int pairsSent;

		InPairs(RedisApi<byte[]> redis) {
			this.redis = redis;
		}

		@Override
		public <V> RedisFuture<V> eval(String script, ScriptOutputType type, byte[][] keys, byte[][] params) {
			return hold(() -> this.redis.eval(script, type, keys, params));
		}

		@Override
		public RedisFuture<byte[]> get(byte[] key) {
			return hold(() -> this.redis.get(key));
		}

		@Override
		public RedisFuture<?> delete(byte[] key) {
			return hold(() -> this.redis.delete(key));
		}

		private synchronized <V> RedisFuture<V> hold(Supplier<RedisFuture<V>> command) {
			RedisAnswer<V> answer = new RedisAnswer<>();
			this.held.add(() -> command.get().whenComplete(answer::settle));
			if (this.held.size() == 2) {
				List<Runnable> pair = List.copyOf(this.held);
				this.held.clear();
				this.pairsSent++;
				pair.forEach(Runnable::run);
			}
			return answer;
		}

	}

	/**
	 * Answers every command as Redis would if another instance had always just
	 * written {@code state}, on a thread of its own, as a network answers.
	 */
	private static final class AlwaysChanged implements RedisApi<byte[]> {

		private final byte[] state;

		private final ExecutorService network;

		private final AtomicLong commands = new AtomicLong();

		AlwaysChanged(byte[] state, ExecutorService network) {
			this.state = state;
			this.network = network;
		}

		@Override
		@SuppressWarnings("unchecked")
		public <V> RedisFuture<V> eval(String script, ScriptOutputType type, byte[][] keys, byte[][] params) {
			return answer((V) List.of(0L, this.state));
		}

		@Override
		public RedisFuture<byte[]> get(byte[] key) {
			return answer(this.state);
		}

		@Override
		public RedisFuture<?> delete(byte[] key) {
			return answer(1L);
		}

		private <V> RedisFuture<V> answer(V value) {
			this.commands.incrementAndGet();
			RedisAnswer<V> answer = new RedisAnswer<>();
			this.network.execute(() -> answer.complete(value));
			return answer;
		}

	}

}
