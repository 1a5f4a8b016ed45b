package dev.tollgate.store.redis;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Connecting while Redis does not answer: requests wait no longer than the timeout,
 * and the attempt, which Lettuce makes blocking, holds a thread of its own rather than
 * one of the common pool's, which the whole application shares.
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

}
