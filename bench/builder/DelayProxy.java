package dev.slipway.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on 127.0.0.1 that adds a fixed one-way latency to everything the client sends: each
 * chunk is forwarded {@code delayMillis} after it arrived, without limiting throughput. So every
 * request reaches the server that much later, as over a network with that round-trip cost.
 */
public final class DelayProxy implements AutoCloseable {

  private final ServerSocket server;
  private final int targetPort;
  private final long delayNanos;

  public DelayProxy(int targetPort, long delayMillis) throws IOException {
    this.server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
    this.targetPort = targetPort;
    this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
    Thread accept = new Thread(this::accept, "delay-proxy-accept");
    accept.setDaemon(true);
    accept.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        client.setTcpNoDelay(true);
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        upstream.setTcpNoDelay(true);
        DelayQueue<Chunk> queue = new DelayQueue<>();
        daemon(() -> readDelayed(client, queue), "delay-in");
        daemon(() -> writeDelayed(queue, upstream, client), "delay-out");
        daemon(() -> copy(upstream, client), "delay-back");
      } catch (IOException e) {
        if (!server.isClosed()) {
          System.err.println("proxy: " + e);
        }
      }
    }
  }

  private record Chunk(byte[] bytes, long due) implements Delayed {
    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(due - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      return Long.compare(due, ((Chunk) o).due);
    }
  }

  private void readDelayed(Socket from, DelayQueue<Chunk> queue) {
    byte[] buf = new byte[65536];
    try (InputStream in = from.getInputStream()) {
      int n;
      while ((n = in.read(buf)) >= 0) {
        queue.add(new Chunk(java.util.Arrays.copyOf(buf, n), System.nanoTime() + delayNanos));
      }
    } catch (IOException e) {
      // connection closed
    }
    queue.add(new Chunk(null, System.nanoTime() + delayNanos));
  }

  private void writeDelayed(DelayQueue<Chunk> queue, Socket to, Socket client) {
    try (OutputStream out = to.getOutputStream()) {
      while (true) {
        Chunk c = queue.take();
        if (c.bytes() == null) {
          to.shutdownOutput();
          return;
        }
        out.write(c.bytes());
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      closeQuietly(client);
    }
  }

  private static void copy(Socket from, Socket to) {
    byte[] buf = new byte[65536];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buf)) >= 0) {
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // closed
    } finally {
      closeQuietly(to);
      closeQuietly(from);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  private static void daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
