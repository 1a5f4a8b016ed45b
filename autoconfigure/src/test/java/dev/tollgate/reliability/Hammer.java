package dev.tollgate.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs one task from many threads at once, all released together, and collects every
 * result. Bounded in time: a task that does not finish fails the test.
 */
final class Hammer {

	private Hammer() {
	}

	@FunctionalInterface
	interface Attempt<T> {

		T run(int thread, int attempt) throws Exception;

	}

	static <T> List<T> hammer(int threads, int attemptsPerThread, Attempt<T> attempt) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<List<T>>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				futures.add(executor.submit(() -> {
					start.await();
					List<T> results = new ArrayList<>();
					for (int a = 0; a < attemptsPerThread; a++) {
						results.add(attempt.run(thread, a));
					}
					return results;
				}));
			}
			start.countDown();
			List<T> all = new ArrayList<>();
			for (Future<List<T>> future : futures) {
				all.addAll(future.get(60, TimeUnit.SECONDS));
			}
			return all;
		}
		finally {
			executor.shutdownNow();
		}
	}

}
