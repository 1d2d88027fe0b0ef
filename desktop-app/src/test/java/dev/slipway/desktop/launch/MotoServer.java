package dev.slipway.desktop.launch;

import dev.slipway.testing.FreePorts;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code moto_server} (AWS API emulator: ECS, EC2, STS, S3) on a free port, for one test
 * class. When moto is not installed the class is skipped with a message that says so, loudly.
 */
public final class MotoServer implements BeforeAllCallback, AfterAllCallback {

    private Process process;
    private int port;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String binary = findOnPath("moto_server");
        if (binary == null) {
            String message =
                    "SKIPPED "
                            + context.getDisplayName()
                            + ": moto_server is not installed (pip install 'moto[server]'),"
                            + " so the ECS contract tests did not run.";
            System.err.println(message);
            Assumptions.abort(message);
        }
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

    private static String findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir, name);
            if (f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return null;
    }
}
