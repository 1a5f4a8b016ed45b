package dev.tollgate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import io.lettuce.core.sentinel.api.sync.RedisSentinelCommands;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.embedded.Redis;
import redis.embedded.RedisSentinel;

/**
 * A real Redis under Sentinel for tests: a master, its replica and one Sentinel
 * watching them (quorum 1), each the {@code redis-server} binary of the
 * {@code embedded-redis} artifact. Registered as a JUnit extension in a static field,
 * it starts before the class's tests and stops after them. A test can make Sentinel
 * fail the master over to the replica.
 */
public final class TestRedisSentinel implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

	/** The name the master is known by in Sentinel. */
	public static final String MASTER = "mymaster";

	/** How long the servers may take to replicate, or to fail over. */
	private static final Duration SETTLING = Duration.ofSeconds(60);

	private final RedisNode first;

	private final RedisNode second;

	private final int sentinelPort;

	/** Where the Sentinel's binary is. */
	private final Path sentinelFolder;

	private final Redis sentinel;

	private final RedisClient sentinelClient;

	private StatefulRedisSentinelConnection<String, String> sentinelConnection;

	/** Chooses ports and builds the servers, starting none. */
	public TestRedisSentinel() {
		try {
			int firstPort = RedisNode.freePort();
			this.first = new RedisNode(firstPort, RedisNode.server(firstPort).setting("appendonly no"));
			int secondPort = RedisNode.freePort();
			// not embedded-redis's slaveOf, which names the master "localhost" where Sentinel
			// knows it as 127.0.0.1: Redis 7.0's Sentinel then never failed over to this replica
			this.second = new RedisNode(secondPort,
					RedisNode.server(secondPort).setting("replicaof 127.0.0.1 " + firstPort).setting("appendonly no"));
			this.sentinelPort = RedisNode.freePort();
			this.sentinelFolder = Files.createTempDirectory("tollgate-redis-sentinel");
			this.sentinel = RedisSentinel.newRedisSentinel()
				.executableProvider(RedisNode.executableIn(this.sentinelFolder))
				.bind("127.0.0.1")
				.port(this.sentinelPort)
				.masterName(MASTER)
				.masterPort(firstPort)
				.quorumSize(1)
				.downAfterMilliseconds(5000)
				.failOverTimeout(10000)
				.build();
			this.sentinelClient = RedisClient.create(RedisURI.builder()
				.withHost("127.0.0.1")
				.withPort(this.sentinelPort)
				.withTimeout(Duration.ofSeconds(5))
				.build());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		this.first.start();
		this.second.start();
		try {
			this.sentinel.start();
		}
		catch (IOException ex) {
			throw RedisNode.cannotStart(ex);
		}
		await("the replica in sync and known to Sentinel",
				() -> inSync(this.first, this.second) && sentinel().replicas(MASTER).size() == 1);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		close();
	}

	/**
	 * Sentinel's nodes as {@code spring.data.redis.sentinel.nodes} takes them.
	 * @return {@code host:port} of the Sentinel
	 */
	public String sentinelNodes() {
		return "127.0.0.1:" + this.sentinelPort;
	}

	/**
	 * Commands on the server that is master now.
	 * @return the master's commands, on a connection of the test's own
	 */
	public RedisCommands<String, String> master() {
		return master(this.first) ? this.first.commands() : this.second.commands();
	}

	/**
	 * Fail the master over to its replica once the replica has everything the master
	 * wrote, as Sentinel does when asked ({@code SENTINEL FAILOVER}): the replica is
	 * made master, the old master its replica, and both drop their clients, which
	 * reconnect through Sentinel. Returns once both have taken their new roles and
	 * Sentinel names the new master.
	 */
	public void failOver() {
		RedisNode master = master(this.first) ? this.first : this.second;
		RedisNode replica = (master == this.first) ? this.second : this.first;
		await("the replica in sync before the failover", () -> inSync(master, replica));
		sentinel().failover(MASTER);
		await("the failover", () -> master(replica) && inSync(replica, master)
				&& ((InetSocketAddress) sentinel().getMasterAddrByName(MASTER)).getPort() == replica.port());
	}

	private static boolean master(RedisNode node) {
		return node.commands().info("replication").contains("role:master");
	}

	private static boolean inSync(RedisNode master, RedisNode replica) {
		String replication = replica.commands().info("replication");
		return master(master) && replication.contains("master_port:" + master.port())
				&& replication.contains("master_link_status:up") && offset(master.commands().info("replication"),
						"master_repl_offset:") == offset(replication, "slave_repl_offset:");
	}

	private static long offset(String replication, String field) {
		int start = replication.indexOf(field);
		if (start < 0) {
			return -1;
		}
		start += field.length();
		int end = replication.indexOf('\r', start);
		return Long.parseLong(replication.substring(start, (end < 0) ? replication.length() : end).trim());
	}

	private synchronized RedisSentinelCommands<String, String> sentinel() {
		if (this.sentinelConnection == null) {
			this.sentinelConnection = this.sentinelClient.connectSentinel();
		}
		return this.sentinelConnection.sync();
	}

	private static void await(String what, BooleanSupplier done) {
		RedisNode.await(what, SETTLING, done);
	}

	/** Stop the Sentinel and both servers. */
	@Override
	public void close() {
		this.sentinelClient.shutdown();
		try {
			this.sentinel.stop();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.first.close();
		this.second.close();
		RedisNode.delete(this.sentinelFolder);
	}

}
