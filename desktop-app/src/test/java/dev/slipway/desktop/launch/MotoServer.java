package dev.slipway.desktop.launch;

import dev.slipway.testing.FreePorts;
import dev.slipway.testing.Peers;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code moto_server} (AWS API emulator: ECS, EC2, STS, S3) on a free port, for one test
 * class. Without moto the class skips or fails as {@link Peers} decides (it fails on CI).
 */
public final class MotoServer implements BeforeAllCallback, AfterAllCallback {

    private Process process;
    private int port;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String binary =
                Peers.require(
                                "moto_server",
                                "pip install 'moto[server]'",
                                context.getDisplayName() + " (the ECS contract)")
                        .toString();
        port = FreePorts.next();
        process =
                new ProcessBuilder(binary, "-H", "127.0.0.1", "-p", String.valueOf(port))
                        .redirectErrorStream(true)
                        .redirectOutput(File.createTempFile("moto", ".log"))
                        .start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                HttpResponse<Void> r =
                        http.send(
                                HttpRequest.newBuilder(URI.create(endpoint() + "/moto-api/"))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() < 500) {
                    return;
                }
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IllegalStateException(
                            "moto_server did not start on port " + port, notYet);
                }
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            process.destroy();
            process.waitFor();
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }
}
