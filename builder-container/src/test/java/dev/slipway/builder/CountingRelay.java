package dev.slipway.builder;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * A TCP relay on 127.0.0.1 in front of the S3 server that records every HTTP request passing
 * through it ({@code "PUT /bucket/key"}), bytes forwarded untouched (so signatures stay valid).
 * Bodies are skipped by their {@code Content-Length}; a chunked or {@code aws-chunked} request body
 * is recorded as a failure, since the builder's S3 client sends none.
 */
final class CountingRelay implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();

    CountingRelay(int targetPort) throws IOException {
        this.server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        daemon(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Every request so far, as {@code "METHOD /path?query"}. */
    List<String> requests() {
        if (!problems.isEmpty()) {
            throw new AssertionError("the relay could not follow the requests: " + problems);
        }
        return new ArrayList<>(requests);
    }

    void clear() {
        requests.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                daemon(() -> forwardRequests(client, upstream));
                daemon(() -> copy(upstream, client));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    problems.add(e.toString());
                }
            }
        }
    }

    private void forwardRequests(Socket client, Socket upstream) {
        try (InputStream in = new BufferedInputStream(client.getInputStream());
                OutputStream out = new BufferedOutputStream(upstream.getOutputStream(), 65536)) {
            while (true) {
                String requestLine = line(in, out);
                if (requestLine == null) {
                    return;
                }
                if (requestLine.isEmpty()) {
                    continue;
                }
                long length = 0;
                String header;
                while ((header = line(in, out)) != null && !header.isEmpty()) {
                    String lower = header.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("content-length:")) {
                        length = Long.parseLong(header.substring(15).trim());
                    } else if (lower.startsWith("transfer-encoding:")) {
                        problems.add("a chunked request body: " + requestLine);
                    } else if (lower.startsWith("content-encoding:")
                            && lower.contains("aws-chunked")) {
                        // S3Proxy leaves the end of an aws-chunked body unread and closes the
                        // connection under the writer (docs/decisions/0004).
                        problems.add("an aws-chunked request body: " + requestLine);
                    }
                }
                String[] parts = requestLine.split(" ");
                requests.add(parts[0] + " " + (parts.length > 1 ? parts[1] : ""));
                out.flush();
                byte[] buf = new byte[65536];
                while (length > 0) {
                    int n = in.read(buf, 0, (int) Math.min(buf.length, length));
                    if (n < 0) {
                        return;
                    }
                    out.write(buf, 0, n);
                    length -= n;
                }
                out.flush();
            }
        } catch (IOException e) {
            // the connection ended
        } finally {
            closeQuietly(upstream);
        }
    }

    /** Reads one CRLF-ended line, forwarding its bytes; null at the end of the stream. */
    private static @Nullable String line(InputStream in, OutputStream out) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            out.write(b);
            if (b == '\n') {
                String s = line.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            line.write(b);
        }
        return null;
    }

    private static void copy(Socket from, Socket to) {
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // the connection ended
        } finally {
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "counting-relay");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
