package dev.slipway.builder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.Manifest;
import dev.slipway.core.json.Json;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.log.LogProtocol;
import dev.slipway.core.project.ProjectRecord;
import dev.slipway.core.project.Slug;
import dev.slipway.core.storage.StorageLayout;
import dev.slipway.testing.RedisServerExtension;
import dev.slipway.testing.S3ServerExtension;
import io.lettuce.core.StreamMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Runs the builder against the test servers, as a child process ({@link #runProcess}) exactly as a
 * launcher does, or in this JVM through the composition root ({@link #runInProcess}); then reads
 * back what it wrote: the stream, the archive, the manifest, the record, the blobs.
 */
final class BuilderHarness {

    private final S3ServerExtension s3;
    private final RedisServerExtension redis;

    BuilderHarness(S3ServerExtension s3, RedisServerExtension redis) {
        this.s3 = s3;
        this.redis = redis;
    }

    /** The contract's environment for building {@code repoUrl} as {@code project}. */
    Map<String, String> env(String repoUrl, String project, DeploymentId id) {
        Map<String, String> env = new HashMap<>(s3.environment());
        env.put("GIT_REPOSITORY_URL", repoUrl);
        env.put("ALLOW_LOCAL_REPOSITORY", "true");
        env.put("PROJECT_ID", project);
        env.put("DEPLOYMENT_ID", id.value());
        env.put("REDIS_URL", redis.url());
        env.put("SITE_URL", "http://" + project + ".localhost:8000/");
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", System.getProperty("java.io.tmpdir"));
        return env;
    }

    /** What a builder run left behind. */
    record Run(int exitCode, String stdout, String stderr) {}

    /** Runs {@code java dev.slipway.builder.BuilderMain} with exactly {@code env}. */
    Run runProcess(Map<String, String> env, Duration timeout)
            throws IOException, InterruptedException {
        Process p = startProcess(env);
        return await(p, timeout);
    }

    /**
     * The runnable jar the package phase made, as launchers run it (integration tests run after
     * it).
     */
    static final Path JAR = Path.of("target", "slipway-builder.jar");

    /**
     * Runs {@code java -jar target/slipway-builder.jar}, the artifact launchers use, with {@code
     * env}.
     */
    Run runJar(Map<String, String> env, Duration timeout) throws IOException, InterruptedException {
        assertThat(JAR)
                .as("the shaded jar (run `mvn verify`, which packages it first)")
                .isRegularFile();
        return await(start(env, List.of("-jar", JAR.toString())), timeout);
    }

    Process startProcess(Map<String, String> env) throws IOException {
        return start(
                env,
                List.of("-cp", System.getProperty("java.class.path"), BuilderMain.class.getName()));
    }

    private Process start(Map<String, String> env, List<String> target) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path out = Files.createTempFile("builder-out", ".txt");
        Path err = Files.createTempFile("builder-err", ".txt");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m"));
        command.addAll(target);
        ProcessBuilder pb =
                new ProcessBuilder(command)
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        // However loaded the machine, the end of the log reaches Redis: the wait ends at delivery.
        pb.environment().putIfAbsent("SLIPWAY_REDIS_FINAL_WAIT_SECONDS", "120");
        Process p = pb.start();
        outputs.put(p.pid(), new Path[] {out, err});
        return p;
    }

    private final Map<Long, Path[]> outputs = new HashMap<>();

    Run await(Process p, Duration timeout) throws IOException, InterruptedException {
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(
                    "The builder did not finish within "
                            + timeout
                            + "; stderr:\n"
                            + Files.readString(Objects.requireNonNull(outputs.get(p.pid()))[1]));
        }
        Path[] files = Objects.requireNonNull(outputs.remove(p.pid()));
        Run run = new Run(p.exitValue(), Files.readString(files[0]), Files.readString(files[1]));
        Files.deleteIfExists(files[0]);
        Files.deleteIfExists(files[1]);
        return run;
    }

    /** Runs the builder in this JVM with the test settings; {@code limit} is only documentation. */
    Run run(Map<String, String> env, Duration limit) {
        return runInProcess(env, testSettings());
    }

    /** The defaults, with a shorter wait for a Redis that is gone, so tests of that stay short. */
    static BuilderSettings testSettings() {
        return testSettings(Duration.ofSeconds(6));
    }

    /** The test settings, with {@code redisFinalWait} for the end of the log to reach Redis. */
    static BuilderSettings testSettings(Duration redisFinalWait) {
        BuilderSettings d = BuilderSettings.from(Map.of());
        return new BuilderSettings(
                d.uploadParallelism(),
                Duration.ofSeconds(2),
                redisFinalWait,
                d.maxPendingEvents(),
                d.limits(),
                d.buildUser());
    }

    /** Runs the composition root in this JVM (the S3 credentials come from system properties). */
    Run runInProcess(Map<String, String> env, BuilderSettings settings) {
        return runInProcess(env, settings, Clock.systemUTC());
    }

    /**
     * Runs the composition root in this JVM with {@code clock} (a test's clock moves deadlines).
     */
    Run runInProcess(Map<String, String> env, BuilderSettings settings, Clock clock) {
        System.setProperty("aws.accessKeyId", S3ServerExtension.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3ServerExtension.SECRET_KEY);
        System.setProperty("aws.region", S3ServerExtension.REGION);
        StringWriter console = new StringWriter();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int code =
                new BuilderApp(
                                env,
                                clock,
                                console,
                                new PrintStream(errors, true, StandardCharsets.UTF_8),
                                settings)
                        .run();
        return new Run(code, console.toString(), errors.toString(StandardCharsets.UTF_8));
    }

    /** The events in the Redis stream, in order. */
    List<LogEvent> stream(DeploymentId id) {
        List<StreamMessage<String, String>> messages =
                redis.connection()
                        .sync()
                        .xrange(LogProtocol.streamKey(id), io.lettuce.core.Range.create("-", "+"));
        List<LogEvent> events = new ArrayList<>();
        for (StreamMessage<String, String> m : messages) {
            events.add(LogEvent.fromJson(m.getBody().get(LogProtocol.EVENT_FIELD)));
        }
        return events;
    }

    /** The archived log. */
    List<LogEvent> archive(String project, DeploymentId id) {
        String text =
                new String(
                        object(StorageLayout.logArchive(Slug.of(project), id))
                                .orElseThrow(() -> new AssertionError("no log archive for " + id)),
                        StandardCharsets.UTF_8);
        List<LogEvent> events = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                events.add(LogEvent.fromJson(line));
            }
        }
        return events;
    }

    Manifest manifest(String project, DeploymentId id) {
        byte[] bytes =
                object(StorageLayout.manifest(Slug.of(project), id))
                        .orElseThrow(() -> new AssertionError("no manifest for " + id));
        return Json.documents().fromJson(new String(bytes, StandardCharsets.UTF_8), Manifest.class);
    }

    Optional<ProjectRecord> record(String project) {
        return object(StorageLayout.project(Slug.of(project)))
                .map(
                        b ->
                                Json.documents()
                                        .fromJson(
                                                new String(b, StandardCharsets.UTF_8),
                                                ProjectRecord.class));
    }

    /** The bytes the site serves at {@code path} in deployment {@code id}. */
    String servedText(String project, DeploymentId id, String path) {
        Manifest m = manifest(project, id);
        assertThat(m.files()).containsKey(path);
        return new String(
                object(StorageLayout.blob(Objects.requireNonNull(m.files().get(path)).sha256()))
                        .orElseThrow(),
                StandardCharsets.UTF_8);
    }

    Optional<byte[]> object(String key) {
        try {
            ResponseBytes<GetObjectResponse> bytes =
                    s3.client().getObjectAsBytes(b -> b.bucket(s3.bucket()).key(key));
            return Optional.of(bytes.asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    /** Every key under a prefix. */
    List<String> keys(String prefix) {
        List<String> keys = new ArrayList<>();
        s3.client()
                .listObjectsV2Paginator(b -> b.bucket(s3.bucket()).prefix(prefix))
                .contents()
                .forEach(o -> keys.add(o.key()));
        return keys;
    }

    /** Asserts seq 1, 2, 3, … without gaps, ending with one terminal status. */
    static void assertWholeLog(List<LogEvent> events) {
        assertThat(events).isNotEmpty();
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).seq()).as("seq of event %d", i).isEqualTo(i + 1);
        }
        assertThat(events.get(events.size() - 1).isTerminal())
                .as("last event is terminal")
                .isTrue();
        assertThat(events.subList(0, events.size() - 1)).noneMatch(LogEvent::isTerminal);
    }
}
