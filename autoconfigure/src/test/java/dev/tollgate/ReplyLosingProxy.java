package dev.tollgate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of a server, whose network can fail between a
 * command and its answer: told to lose the next answer, it drops both connections as
 * soon as the server starts answering, so the command has run but its client never
 * learns of it. Later connections are relayed as usual.
 */
public final class ReplyLosingProxy implements AutoCloseable {

	private final ServerSocket listening;

	private final int targetPort;

	private final AtomicBoolean loseNextAnswer = new AtomicBoolean();

	private final AtomicInteger connections = new AtomicInteger();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	/**
	 * Start relaying to a server.
	 * @param targetPort the server's port on 127.0.0.1
	 * @throws IOException if no port can be listened on
	 */
	public ReplyLosingProxy(int targetPort) throws IOException {
		this.targetPort = targetPort;
		this.listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		daemon("accept", this::accept);
	}

	/** The port clients connect to. */
	public int port() {
		return this.listening.getLocalPort();
	}

	/** Lose the next answer the server sends, on whichever connection, and drop that connection. */
	public void loseNextAnswer() {
		this.loseNextAnswer.set(true);
	}

	/** The connections clients have made so far. */
	public int connections() {
		return this.connections.get();
	}

	private void accept() {
		while (!this.listening.isClosed()) {
			try {
				Socket client = track(this.listening.accept());
				Socket server = track(new Socket(InetAddress.getLoopbackAddress(), this.targetPort));
				client.setTcpNoDelay(true);
				server.setTcpNoDelay(true);
				this.connections.incrementAndGet();
				daemon("commands", () -> relay(client, server, false));
				daemon("answers", () -> relay(server, client, true));
			}
			catch (IOException ex) {
				// closed, or the server refused: the client sees its connection fail
			}
		}
	}

	private void relay(Socket from, Socket to, boolean answers) {
		byte[] buffer = new byte[8192];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int read;
			while ((read = in.read(buffer)) != -1) {
				if (answers && this.loseNextAnswer.compareAndSet(true, false)) {
					break;
				}
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// the other direction closed the connection
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
		}
	}

	private Socket track(Socket socket) {
		this.sockets.add(socket);
		return socket;
	}

	private static void daemon(String name, Runnable task) {
		Thread thread = new Thread(task, "reply-losing-proxy-" + name);
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// already closed
		}
	}

	@Override
	public void close() {
		closeQuietly(this.listening);
		this.sockets.forEach(ReplyLosingProxy::closeQuietly);
	}

}
