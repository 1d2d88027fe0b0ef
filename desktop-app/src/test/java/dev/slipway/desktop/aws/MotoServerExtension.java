package dev.slipway.desktop.aws;

import dev.slipway.testing.FreePorts;
import dev.slipway.testing.Peers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

/**
 * A real moto server ({@code moto_server}, speaking CloudFormation, ECS, EC2, SSM, IAM, S3) on a
 * free port, reset before each test, and an AWS profile {@value #PROFILE} whose {@code
 * endpoint_url} points at it, as a user would point the SDK elsewhere. One server serves every test
 * class of the run (its first stack takes seconds to warm up); JUnit stops it at the end. Without
 * {@code moto_server} the tests skip or fail as {@link Peers} decides (they fail on CI).
 */
final class MotoServerExtension implements BeforeAllCallback, BeforeEachCallback {

    static final String PROFILE = "moto";
    static final String REGION = "us-east-1";

    /** The profile's fake secret key: a test checks it never reaches config.json. */
    static final String SECRET_KEY = "moto-secret-key-never-in-config";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Server server;

    URI endpoint() {
        return server.endpoint();
    }

    /** Points a test-side client straight at moto. */
    <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        return builder.endpointOverride(endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create("moto", SECRET_KEY)));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path executable =
                Peers.require(
                        "moto_server",
                        "pip install 'moto[server]'",
                        context.getDisplayName() + " (the AWS path)");
        server =
                context.getRoot()
                        .getStore(ExtensionContext.Namespace.create(MotoServerExtension.class))
                        .computeIfAbsent(
                                Server.class, type -> Server.start(executable), Server.class);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        HttpResponse<String> reset =
                HTTP.send(
                        HttpRequest.newBuilder(endpoint().resolve("/moto-api/reset"))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        Assertions.assertEquals(200, reset.statusCode(), "moto reset: " + reset.body());
    }

    /** The moto process and the profile files pointing at it; closed once, when the run ends. */
    static final class Server implements AutoCloseable {
        private static final String[] SDK_PROPERTIES = {
            "aws.configFile", "aws.sharedCredentialsFile", "aws.disableEc2Metadata"
        };

        private final Map<String, String> savedProperties = new HashMap<>();
        private final int port;
        private Process process;
        private Path profileDir;

        private Server(int port) {
            this.port = port;
        }

        static Server start(Path executable) {
            Server server = new Server(FreePorts.next());
            try {
                Path log = Path.of("target", "moto-" + server.port + ".log").toAbsolutePath();
                Files.createDirectories(log.getParent());
                server.process =
                        new ProcessBuilder(
                                        executable.toString(),
                                        "-H",
                                        "127.0.0.1",
                                        "-p",
                                        String.valueOf(server.port))
                                .redirectErrorStream(true)
                                .redirectOutput(log.toFile())
                                .start();
                server.awaitReady(log);
                server.writeProfile();
                return server;
            } catch (IOException e) {
                server.close();
                throw new java.io.UncheckedIOException("moto_server could not start", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                server.close();
                throw new IllegalStateException("interrupted while moto_server started", e);
            }
        }

        URI endpoint() {
            return URI.create("http://127.0.0.1:" + port);
        }

        @Override
        public void close() {
            for (String key : SDK_PROPERTIES) {
                String old = savedProperties.get(key);
                if (old == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, old);
                }
            }
            if (process != null) {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
                try {
                    if (!process.waitFor(10, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    process.destroyForcibly();
                }
            }
            if (profileDir != null) {
                try (var files = Files.walk(profileDir)) {
                    files.sorted(java.util.Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    System.err.println("could not delete " + profileDir + ": " + e);
                }
            }
        }

        private void awaitReady(Path log) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    Assertions.fail(
                            "moto_server exited with "
                                    + process.exitValue()
                                    + ": "
                                    + Files.readString(log));
                }
                try {
                    HttpResponse<Void> r =
                            HTTP.send(
                                    HttpRequest.newBuilder(
                                                    endpoint().resolve("/moto-api/data.json"))
                                            .timeout(Duration.ofSeconds(2))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // Not listening yet: try again shortly.
                }
                Thread.sleep(100);
            }
            Assertions.fail("moto_server did not answer within 30 s: " + Files.readString(log));
        }

        /** The profile a user would write to point the SDK at another endpoint. */
        private void writeProfile() throws IOException {
            profileDir = Files.createTempDirectory("slipway-aws-profile");
            Path config = profileDir.resolve("config");
            Path credentials = profileDir.resolve("credentials");
            Files.writeString(
                    config,
                    "[profile "
                            + PROFILE
                            + "]\nregion = "
                            + REGION
                            + "\nendpoint_url = "
                            + endpoint()
                            + "\n"
                            + "[profile nokeys]\nregion = "
                            + REGION
                            + "\nendpoint_url = "
                            + endpoint()
                            + "\n");
            Files.writeString(
                    credentials,
                    "["
                            + PROFILE
                            + "]\naws_access_key_id = moto\naws_secret_access_key = "
                            + SECRET_KEY
                            + "\n");
            for (String key : SDK_PROPERTIES) {
                savedProperties.put(key, System.getProperty(key));
            }
            System.setProperty("aws.configFile", config.toString());
            System.setProperty("aws.sharedCredentialsFile", credentials.toString());
            // No instance metadata service here: do not wait for it when a profile has no keys.
            System.setProperty("aws.disableEc2Metadata", "true");
        }
    }
}
