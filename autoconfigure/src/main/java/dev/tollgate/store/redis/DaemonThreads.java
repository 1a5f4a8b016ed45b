package dev.tollgate.store.redis;

import java.util.concurrent.ThreadFactory;

/**
 * Makes the Redis store's own threads: daemons, so that none keeps the JVM from
 * exiting, each named for what it does, as a thread dump shows it.
 */
final class DaemonThreads implements ThreadFactory {

	private final String name;

	DaemonThreads(String name) {
		this.name = name;
	}

	@Override
	public Thread newThread(Runnable task) {
		Thread thread = new Thread(task, this.name);
		thread.setDaemon(true);
		return thread;
	}

}
