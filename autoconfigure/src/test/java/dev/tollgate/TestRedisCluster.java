package dev.tollgate;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Redis Cluster for tests: three masters, each the {@code redis-server} binary of
 * the {@code embedded-redis} artifact in cluster mode, sharing the 16,384 hash slots in
 * three ranges, and if asked a replica of each. Registered as a JUnit extension in a
 * static field, it forms before the class's tests and stops after them; a test can
 * crash the master of a key.
 */
public final class TestRedisCluster implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

	private static final int SLOTS = 16_384;

	/** How long the nodes may take to form the cluster, or to fail a master over. */
	private static final Duration SETTLING = Duration.ofSeconds(60);

	/** Masters first, then their replicas in the same order. */
	private final List<RedisNode> nodes = new ArrayList<>();

	private static final int MASTERS = 3;

	private final boolean replicated;

	private Path directory;

	/** Three masters, no replicas. */
	public TestRedisCluster() {
		this(false);
	}

	/**
	 * Three masters, each with a replica if asked, which takes its master's place
	 * when the master stops answering.
	 * @param replicated whether each master has a replica
	 */
	public TestRedisCluster(boolean replicated) {
		this.replicated = replicated;
	}

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		start();
	}

	/**
	 * Start the servers and form the cluster, for a test that holds the cluster itself
	 * rather than as an extension.
	 * @throws IOException if a server cannot be started
	 */
	public void start() throws IOException {
		this.directory = Files.createTempDirectory("tollgate-redis-cluster");
		int servers = this.replicated ? 2 * MASTERS : MASTERS;
		for (int i = 0; i < servers; i++) {
			this.nodes.add(startNode());
		}
		for (int i = 0; i < MASTERS; i++) {
			this.nodes.get(i).commands().clusterAddSlots(IntStream.range(firstSlotOf(i), firstSlotOf(i + 1)).toArray());
		}
		for (RedisNode node : this.nodes.subList(1, servers)) {
			this.nodes.get(0).commands().clusterMeet("127.0.0.1", node.port());
		}
		await("every node to see the others and every slot served", () -> this.nodes.stream()
			.allMatch((node) -> seesTheWholeCluster(node, servers)));
		for (int i = MASTERS; i < servers; i++) {
			RedisNode master = this.nodes.get(i - MASTERS);
			this.nodes.get(i).commands().clusterReplicate(master.commands().clusterMyId());
		}
		await("each replica to be in sync with its master", this::replicasInSync);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		close();
	}

	private RedisNode startNode() throws IOException {
		int port = freePortWithFreeBusPort();
		RedisNode node = new RedisNode(port, RedisNode.server(port)
			.setting("cluster-enabled yes")
			.setting("cluster-config-file " + this.directory.resolve("nodes-" + port + ".conf"))
			.setting("cluster-node-timeout 1000")
			.setting("appendonly no"));
		node.start();
		return node;
	}

	private static boolean seesTheWholeCluster(RedisNode node, int servers) {
		String info = node.commands().clusterInfo();
		return info.contains("cluster_state:ok") && info.contains("cluster_known_nodes:" + servers)
				&& info.contains("cluster_slots_ok:" + SLOTS);
	}

	private boolean replicasInSync() {
		for (int i = MASTERS; i < this.nodes.size(); i++) {
			String replication = this.nodes.get(i).commands().info("replication");
			if (!replication.contains("master_port:" + this.nodes.get(i - MASTERS).port())
					|| !replication.contains("master_link_status:up")) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Stop the master that holds a key, as a crash would, and wait until its replica
	 * has taken its slots and the cluster serves every slot again.
	 * @param key a key the master holds
	 */
	public void crashMasterOf(String key) {
		int master = masterOf(key);
		RedisNode crashed = this.nodes.get(master);
		if (crashed.commands().exists(key) != 1) {
			throw new IllegalStateException("the master " + crashed.port() + " does not hold " + key);
		}
		RedisNode replica = this.nodes.get(master + MASTERS);
		crashed.close();
		await("the replica to take its crashed master's place", () -> replica.commands()
			.info("replication")
			.contains("role:master") && replica.commands().clusterInfo().contains("cluster_state:ok"));
	}

	/**
	 * Which master holds a key, as the cluster started: the masters hold the slots in
	 * three ranges, in order.
	 * @param key the key
	 * @return the master's index in {@link #eachMaster()}
	 */
	public int masterOf(String key) {
		long slot = this.nodes.get(0).commands().clusterKeyslot(key);
		int master = 0;
		while (slot >= firstSlotOf(master + 1)) {
			master++;
		}
		return master;
	}

	/** The first slot a master holds; {@link #SLOTS} after the last master. */
	private static int firstSlotOf(int master) {
		return SLOTS * master / MASTERS;
	}

	/**
	 * A master's address, as the cluster and Lettuce know it.
	 * @param master the master's index in {@link #eachMaster()}
	 * @return {@code 127.0.0.1:port}
	 */
	public String addressOf(int master) {
		return "127.0.0.1:" + this.nodes.get(master).port();
	}

	private static void await(String what, BooleanSupplier done) {
		RedisNode.await(what, SETTLING, done);
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
	 * The nodes, for a cluster client of the test's own.
	 * @return a URI for each node
	 */
	public List<RedisURI> uris() {
		return this.nodes.stream().map((node) -> RedisURI.create("127.0.0.1", node.port())).toList();
	}

	/**
	 * Commands on each master the cluster started with, for looking into it from a test.
	 * @return each master's commands, on a connection of the test's own
	 */
	public List<RedisCommands<String, String>> eachMaster() {
		return this.nodes.stream().limit(MASTERS).map(RedisNode::commands).toList();
	}

	/** Stop every node and delete their cluster configuration files. */
	@Override
	public void close() {
		this.nodes.forEach(RedisNode::close);
		this.nodes.clear();
		if (this.directory != null) {
			RedisNode.delete(this.directory);
		}
	}

}
