import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP relay that adds a fixed delay to every chunk sent towards the server, so each S3 request
 * costs that much more (one request is one chunk here).
 *
 * java bench/proxy/DelayRelay.java LISTEN_PORT TARGET_PORT DELAY_MS
 */
public class DelayRelay {
  public static void main(String[] args) throws Exception {
    int listen = Integer.parseInt(args[0]);
    int target = Integer.parseInt(args[1]);
    long delay = Long.parseLong(args[2]);
    try (ServerSocket server = new ServerSocket(listen, 200, InetAddress.getLoopbackAddress())) {
      System.out.println("relay 127.0.0.1:" + listen + " -> 127.0.0.1:" + target + " +" + delay + " ms");
      while (true) {
        Socket client = server.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        pump(client, upstream, delay);
        pump(upstream, client, 0);
      }
    }
  }

  static void pump(Socket from, Socket to, long delay) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[64 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buf)) > 0) {
          if (delay > 0) {
            Thread.sleep(delay);
          }
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (Exception e) {
        // Either side closed.
      } finally {
        try { from.close(); to.close(); } catch (Exception closing) { System.err.println("relay close: " + closing); }
      }
    });
    t.setDaemon(true);
    t.start();
  }
}
