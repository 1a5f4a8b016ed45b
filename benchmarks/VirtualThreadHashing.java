import java.lang.management.ManagementFactory;
import java.util.concurrent.Executors;

import dev.tollgate.key.KeyHasher;
import dev.tollgate.key.Sha256KeyHasher;

/**
 * What hashing an API key with SHA-256 (as for a store that instances share) costs on
 * virtual threads, one per request: the bytes and time per virtual thread that hashes
 * one value, against one that does not. Java 21 or later, run as a source file (it is
 * not part of the Maven build, which targets Java 17), against a build of the
 * autoconfigure module:
 *
 * <pre>
 * ./mvnw -q -pl autoconfigure -am package -DskipTests
 * java -cp autoconfigure/target/tollgate-spring-boot-autoconfigure-0.1.0-SNAPSHOT.jar benchmarks/VirtualThreadHashing.java
 * </pre>
 *
 * Times include starting the virtual threads and vary; the bytes do not.
 */
public class VirtualThreadHashing {

	public static void main(String[] args) {
		KeyHasher hasher = new Sha256KeyHasher();
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();
		int count = 200_000;
		for (int round = 1; round <= 6; round++) {
			for (boolean hashing : new boolean[] { false, true }) {
				long bytes = threads.getTotalThreadAllocatedBytes();
				long start = System.nanoTime();
				try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
					for (int i = 0; i < count; i++) {
						String value = "key-" + (i & 1023);
						executor.submit(() -> hashing ? hasher.hash(value) : value);
					}
				}
				long nanos = System.nanoTime() - start;
				System.out.printf("round %d, %-11s %5.0f ns and %5.0f B per virtual thread%n", round,
						hashing ? "hashing:" : "not hashing:", (double) nanos / count,
						(double) (threads.getTotalThreadAllocatedBytes() - bytes) / count);
			}
		}
	}

}
