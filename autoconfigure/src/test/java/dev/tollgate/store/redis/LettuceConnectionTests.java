package dev.tollgate.store.redis;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.tollgate.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Connecting while Redis does not answer: requests wait no longer than the timeout,
 * and the attempt, which Lettuce makes blocking, holds a thread of its own rather than
 * one of the common pool's, which the whole application shares. A command given up on
 * while Redis is away is never sent.
 */
class LettuceConnectionTests {

	@Test
	void aConnectionAttemptThatHangsHoldsAThreadOfItsOwn() throws Exception {
		try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			RedisClient client = RedisClient.create(RedisURI.builder()
				.withHost("127.0.0.1")
				.withPort(silent.getLocalPort())
				.withTimeout(Duration.ofSeconds(60))
				.build());
			try (LettuceConnection<byte[]> connection = LettuceConnection.on(client, Duration.ofMillis(200))) {
				Set<Thread> before = LiveThreads.named("tollgate-redis-connect");
				connection.startConnecting();
				try (Socket accepted = silent.accept()) {
					List<Thread> attempts = LiveThreads.named("tollgate-redis-connect")
						.stream()
						.filter((thread) -> !before.contains(thread))
						.toList();
					assertThat(attempts).as("threads connecting, waiting for Redis's answer").hasSize(1);
					assertThat(attempts.get(0).isDaemon()).isTrue();
					assertThatExceptionOfType(RedisConnectionException.class).isThrownBy(connection::ping)
						.withMessage("No connection to Redis within 200 ms");
					accepted.close();
					attempts.get(0).join(Duration.ofSeconds(10).toMillis());
					assertThat(attempts.get(0).isAlive()).as("the thread once the attempt failed").isFalse();
				}
			}
			finally {
				client.shutdown();
			}
		}
	}

	/**
	 * A command given up on while the connection is down is never written once the
	 * connection is back: Lettuce holds commands while it reconnects, and without the
	 * cancellation a request already answered by the failure policy would still take
	 * its token from Redis later, after a failover say.
	 */
	@Test
	void aCommandGivenUpOnWhileRedisIsAwayIsNeverSent() throws Exception {
		TestRedis redis = new TestRedis();
		redis.start();
		RedisClient client = RedisClient.create(RedisURI.builder()
			.withHost("127.0.0.1")
			.withPort(redis.port())
			.withTimeout(Duration.ofSeconds(5))
			.build());
		try (LettuceConnection<byte[]> connection = LettuceConnection.on(client, Duration.ofSeconds(5))) {
			assertThat(connection.ping()).isEqualTo("PONG");
			redis.stop();
			byte[][] key = { "k".getBytes(StandardCharsets.UTF_8) };
			RedisFuture<Object> givenUp = connection.eval("return redis.call('incr', KEYS[1])", ScriptOutputType.INTEGER,
					key, new byte[0][]);
			RedisFuture<Object> kept = connection.eval("return redis.call('incrby', KEYS[1], 10)",
					ScriptOutputType.INTEGER, key, new byte[0][]);
			assertThat(givenUp.cancel(false)).isTrue();
			redis.start();
			assertThat(kept.get(10, TimeUnit.SECONDS)).as("the command not given up on, sent once Redis is back")
				.isEqualTo(10L);
			assertThat(redis.commands().get("k")).isEqualTo("10");
			assertThat(redis.commandCalls()).as("commands Redis ran since it came back")
				.containsEntry("evalsha", 1L)
				.containsEntry("eval", 1L);
		}
		finally {
			client.shutdown();
			redis.close();
		}
	}

}
