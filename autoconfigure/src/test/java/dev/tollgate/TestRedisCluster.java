package dev.tollgate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.embedded.RedisServer;

/**
 * A real Redis Cluster for tests: three masters, each the {@code redis-server} binary of
 * the {@code embedded-redis} artifact in cluster mode, sharing the 16,384 hash slots in
 * three ranges. Registered as a JUnit extension in a static field, it forms before the
 * class's tests and stops after them.
 */
public final class TestRedisCluster implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

	private static final int SLOTS = 16_384;

	/** How long the nodes may take to agree that every slot is served. */
	private static final Duration FORMING = Duration.ofSeconds(30);

	private final List<RedisNode> nodes = new ArrayList<>();

	private Path directory;

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		start(3);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		close();
	}

	private void start(int masters) throws IOException {
		this.directory = Files.createTempDirectory("tollgate-redis-cluster");
		for (int i = 0; i < masters; i++) {
			int port = freePortWithFreeBusPort();
			RedisServer server = RedisServer.newRedisServer()
				.port(port)
				.bind("127.0.0.1")
				.setting("cluster-enabled yes")
				.setting("cluster-config-file " + this.directory.resolve("nodes-" + port + ".conf"))
				.setting("cluster-node-timeout 5000")
				.setting("save \"\"")
				.setting("appendonly no")
				.build();
			RedisNode node = new RedisNode(port, server);
			this.nodes.add(node);
			node.start();
		}
		for (int i = 0; i < masters; i++) {
			int first = SLOTS * i / masters;
			int last = SLOTS * (i + 1) / masters;
			this.nodes.get(i).commands().clusterAddSlots(IntStream.range(first, last).toArray());
		}
		for (RedisNode node : this.nodes.subList(1, masters)) {
			this.nodes.get(0).commands().clusterMeet("127.0.0.1", node.port());
		}
		awaitFormed();
	}

	/**
	 * Wait until every node knows every other and sees every slot served: until then a
	 * client may read a partial topology.
	 */
	private void awaitFormed() {
		long deadline = System.nanoTime() + FORMING.toNanos();
		while (!this.nodes.stream().allMatch(this::seesTheWholeCluster)) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("the Redis Cluster did not form within " + FORMING);
			}
			Thread.onSpinWait();
		}
	}

	private boolean seesTheWholeCluster(RedisNode node) {
		String info = node.commands().clusterInfo();
		return info.contains("cluster_state:ok") && info.contains("cluster_known_nodes:" + this.nodes.size())
				&& info.contains("cluster_slots_ok:" + SLOTS);
	}

	/**
	 * A port for a node whose cluster bus port, 10,000 above it, is free too.
	 */
	private static int freePortWithFreeBusPort() throws IOException {
		for (int attempt = 0; attempt < 100; attempt++) {
			int port = RedisNode.freePort();
			if (port + 10_000 <= 65_535 && isFree(port + 10_000)) {
				return port;
			}
		}
		throw new IllegalStateException("no free port with a free cluster bus port");
	}

	private static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket(port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * The nodes as {@code spring.data.redis.cluster.nodes} takes them.
	 * @return {@code host:port} of each node, separated by commas
	 */
	public String nodesProperty() {
		return String.join(",", this.nodes.stream().map((node) -> "127.0.0.1:" + node.port()).toList());
	}

	/**
	 * Commands on each node, for looking into the cluster from a test.
	 * @return each master's commands, on a connection of the test's own
	 */
	public List<RedisCommands<String, String>> eachNode() {
		return this.nodes.stream().map(RedisNode::commands).toList();
	}

	/** Stop every node and delete their cluster configuration files. */
	@Override
	public void close() {
		this.nodes.forEach(RedisNode::close);
		this.nodes.clear();
		if (this.directory != null) {
			try (Stream<Path> files = Files.walk(this.directory)) {
				for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(file);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

}
