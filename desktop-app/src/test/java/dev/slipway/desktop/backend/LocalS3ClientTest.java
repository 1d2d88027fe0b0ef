package dev.slipway.desktop.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.desktop.stack.StackFile;
import dev.slipway.testing.S3ServerExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The local stack's S3 client sends plain request bodies. S3Proxy's {@code aws-chunked} decoder
 * stops at the checksum trailer and leaves its signature unread; Jetty then closes the connection
 * while the client is still writing, and a write that succeeded is reported as "Error writing
 * request body to server" (docs/decisions/0004-conditional-writes-on-s3proxy.md). The PUT goes
 * through a relay that records what the client wrote, to the real S3Proxy.
 */
class LocalS3ClientTest {

    @RegisterExtension static final S3ServerExtension S3 = new S3ServerExtension();

    @Test
    void putsAPlainBodyWithItsDigestInTheSignature() throws Exception {
        String bucket = S3.createBucket();
        try (RecordingRelay relay = new RecordingRelay(S3.port());
                S3Client client = Backends.localS3(stackFile(relay.port()))) {
            client.putObject(
                    b -> b.bucket(bucket).key("domains/www.example.org.json"),
                    RequestBody.fromString("{\"host\":\"www.example.org\",\"project\":\"blog\"}"));

            String request = relay.written();
            assertThat(request).startsWith("PUT /" + bucket + "/domains/www.example.org.json ");
            String headers = request.substring(0, request.indexOf("\r\n\r\n"));
            assertThat(headers.toLowerCase(Locale.ROOT)).doesNotContain("aws-chunked");
            assertThat(headers).containsPattern("(?im)^x-amz-content-sha256: [0-9a-f]{64}$");
            assertThat(request)
                    .endsWith("\r\n\r\n{\"host\":\"www.example.org\",\"project\":\"blog\"}");
            assertThat(relay.resets()).isEmpty();
        }
    }

    private static StackFile stackFile(int s3Port) {
        return new StackFile(
                ProcessHandle.current().pid(),
                Instant.now(),
                "http://127.0.0.1:" + s3Port,
                "redis://127.0.0.1:1",
                1,
                "localhost",
                StackFile.LOCAL_BUCKET,
                S3ServerExtension.REGION,
                S3ServerExtension.ACCESS_KEY,
                S3ServerExtension.SECRET_KEY);
    }

    /** Forwards one connection at a time to the S3 server, keeping what the client wrote. */
    private static final class RecordingRelay implements AutoCloseable {
        private final ServerSocket server;
        private final int target;
        private final ByteArrayOutputStream written = new ByteArrayOutputStream();
        private final List<String> resets = new CopyOnWriteArrayList<>();

        RecordingRelay(int target) throws IOException {
            this.server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
            this.target = target;
            Thread accept = new Thread(this::accept, "relay-accept");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return server.getLocalPort();
        }

        String written() {
            synchronized (written) {
                return written.toString(StandardCharsets.ISO_8859_1);
            }
        }

        List<String> resets() {
            return resets;
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    copy(client.getInputStream(), upstream.getOutputStream(), true, upstream);
                    copy(upstream.getInputStream(), client.getOutputStream(), false, client);
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void copy(InputStream in, OutputStream out, boolean record, Socket to) {
            Thread t =
                    new Thread(
                            () -> {
                                byte[] buf = new byte[8192];
                                try (to) {
                                    int n;
                                    while ((n = in.read(buf)) > 0) {
                                        if (record) {
                                            synchronized (written) {
                                                written.write(buf, 0, n);
                                            }
                                        }
                                        out.write(buf, 0, n);
                                        out.flush();
                                    }
                                } catch (IOException e) {
                                    resets.add(e.toString());
                                }
                            },
                            "relay-copy");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
