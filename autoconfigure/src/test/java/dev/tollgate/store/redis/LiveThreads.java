package dev.tollgate.store.redis;

import java.util.Set;
import java.util.stream.Collectors;

/** The threads of the store that are alive now, found by name. */
final class LiveThreads {

	private LiveThreads() {
	}

	static Set<Thread> named(String name) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals(name) && thread.isAlive())
			.collect(Collectors.toSet());
	}

}
