package dev.slipway.desktop.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.slipway.core.config.SlipwayHome;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.FileEntry;
import dev.slipway.core.deployment.Manifest;
import dev.slipway.core.json.Json;
import dev.slipway.core.process.BuildProcesses;
import dev.slipway.core.project.ProjectRecord;
import dev.slipway.core.project.ProjectSettings;
import dev.slipway.core.project.Slug;
import dev.slipway.core.storage.StorageLayout;
import dev.slipway.desktop.DefaultAppServices;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.desktop.SlipwayJar;
import dev.slipway.desktop.backend.Backends;
import dev.slipway.desktop.deploy.DeployRequest;
import dev.slipway.desktop.deploy.DeploymentHandle;
import dev.slipway.desktop.stack.StackFile;
import dev.slipway.testing.FreePorts;
import dev.slipway.testing.GitFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Deploys through the real CLI into the real local stack (S3Proxy, Redis, proxy) across five
 * projects while a chaos thread kills builders with SIGKILL, stops Redis and stops the stack's S3
 * (SIGSTOP for a few seconds, then SIGCONT); then checks that nothing is lost, stale or leaked:
 * every deployment is terminal in {@code list}, every READY one serves exactly its files through
 * the proxy, every live pointer is the newest READY deployment, a follower of a killed build ends,
 * and no build process, pid file or work folder is left. {@code -Dchaos.deploys=100} is the long
 * run of {@code bench/chaos/run.sh}; CI runs the default 10.
 */
@Tag("chaos")
class ChaosIT {

    private static final Path BUILDER_JAR =
            Path.of("../builder-container/target/slipway-builder.jar").toAbsolutePath().normalize();
    private static final int PROJECTS = 5;
    private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));

    @TempDir static Path home;
    @TempDir static Path repos;

    private static SlipwayJar slipway;
    private static int proxyPort;
    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One deploy the CLI accepted. */
    private record Launched(Slug project, DeploymentId id, int number) {}

    private final List<Launched> launched = new CopyOnWriteArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger kills = new AtomicInteger();
    private final AtomicInteger redisStops = new AtomicInteger();
    private final AtomicInteger s3Stops = new AtomicInteger();
    private final Set<DeploymentId> killed = ConcurrentHashMap.newKeySet();
    private final Set<Long> builderPids = ConcurrentHashMap.newKeySet();

    private static DefaultAppServices services;

    private static synchronized DefaultAppServices services() {
        if (services == null) {
            services =
                    DefaultAppServices.create(
                            new SlipwayHome(home),
                            Map.of(
                                    "SLIPWAY_BUILDER_JAR",
                                    BUILDER_JAR.toString(),
                                    "SLIPWAY_BUILDER_CDS",
                                    "false"),
                            home);
        }
        return services;
    }

    @AfterAll
    static void stopTheStack() throws Exception {
        if (services != null) {
            services.close();
        }
        if (slipway != null) {
            slipway.run("down");
        }
    }

    @Test
    void nothingIsLostStaleOrLeakedUnderKillsAndOutages() throws Exception {
        int deploys = Integer.getInteger("chaos.deploys", 10);
        long seed = Long.getLong("chaos.seed", 13L);
        long started = System.nanoTime();
        proxyPort = FreePorts.next();
        Files.writeString(
                home.resolve("config.json"),
                "{\"mode\":\"local\",\"proxyPort\":" + proxyPort + "}");
        slipway = new SlipwayJar(home, Map.of("SLIPWAY_BUILDER_JAR", BUILDER_JAR.toString()));
        SlipwayJar.Result up = slipway.run("up", "--detach");
        assertThat(up.exit()).as(up.toString()).isZero();
        StackFile stack = StackFile.read(home.resolve("stack.json")).orElseThrow();

        List<GitFixture> sites = new ArrayList<>();
        for (int p = 0; p < PROJECTS; p++) {
            sites.add(
                    GitFixture.withFiles(
                            repos.resolve("site" + p), Map.of("index.html", "<h1>start</h1>")));
        }

        AtomicBoolean deploying = new AtomicBoolean(true);
        Thread chaos = new Thread(() -> chaos(stack, new Random(seed), deploying), "chaos");
        chaos.setDaemon(true);
        chaos.start();

        ExecutorService workers = Executors.newFixedThreadPool(3);
        List<Future<?>> done = new ArrayList<>();
        Object[] locks = new Object[PROJECTS];
        for (int p = 0; p < PROJECTS; p++) {
            locks[p] = new Object();
        }
        for (int n = 0; n < deploys; n++) {
            int number = n;
            done.add(
                    workers.submit(
                            () -> {
                                deployOnce(sites, locks, number);
                                return null;
                            }));
        }
        for (Future<?> f : done) {
            f.get(20, TimeUnit.MINUTES);
        }
        workers.shutdown();
        deploying.set(false);
        chaos.join(TimeUnit.SECONDS.toMillis(60));
        resumeEverything(stack);
        double deploySeconds = (System.nanoTime() - started) / 1e9;

        // A follower of a killed build ends (FAILED) instead of waiting forever.
        Optional<DeploymentId> anyKilled = killed.stream().findFirst();
        if (anyKilled.isPresent()) {
            SlipwayJar.Result follow =
                    slipway.start("logs", anyKilled.get().value(), "--follow")
                            .await(Duration.ofSeconds(90));
            assertThat(follow.exit()).as(follow.toString()).isIn(0, 1);
        }

        Map<Slug, List<JsonObject>> listed = awaitEveryDeploymentListed(deploys);
        double settledSeconds = (System.nanoTime() - started) / 1e9;

        Map<String, Integer> statuses = new HashMap<>();
        try (S3Client s3 = Backends.localS3(stack)) {
            for (Map.Entry<Slug, List<JsonObject>> e : listed.entrySet()) {
                checkProject(s3, stack, e.getKey(), e.getValue(), statuses);
            }
        }
        assertNothingLeft();

        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        System.out.printf(
                Locale.ROOT,
                "CHAOS deploys=%d launched=%d refused=%d %s kills=%d redisStops=%d s3Stops=%d"
                        + " deploySeconds=%.1f settledSeconds=%.1f seed=%d load=%s%n",
                deploys,
                launched.size(),
                refused.get(),
                statuses,
                kills.get(),
                redisStops.get(),
                s3Stops.get(),
                deploySeconds,
                settledSeconds,
                seed,
                load);
        assertThat(launched).as("deploys the CLI accepted").isNotEmpty();
    }

    /** Commits a version with a file of its own, then deploys that commit without following. */
    private void deployOnce(List<GitFixture> sites, Object[] locks, int number) throws Exception {
        int p = number % PROJECTS;
        Slug project = Slug.of("chaos" + p);
        String sha;
        synchronized (locks[p]) {
            Map<String, String> files = new HashMap<>();
            files.put("index.html", "<h1>" + project + " version " + number + "</h1>");
            files.put("only-" + number + ".txt", "deploy " + number);
            if (number >= PROJECTS) {
                files.put("only-" + (number - PROJECTS) + ".txt", null);
            }
            sha = sites.get(p).commit("version " + number, files);
        }
        if (number % 2 == 1) {
            // Half through the service in this JVM, whose launcher watches its builders (and ends
            // a killed one at once); half through the CLI with --no-follow, whose builders nobody
            // watches (list and deploy end them later).
            try {
                DeploymentHandle handle =
                        services()
                                .deploy()
                                .deploy(
                                        new DeployRequest(
                                                sites.get(p).url(),
                                                project.value(),
                                                new ProjectSettings(
                                                        sha, null, null, null, null, null),
                                                Map.of(),
                                                false));
                launched.add(new Launched(project, handle.id(), number));
            } catch (SlipwayException e) {
                refused.incrementAndGet();
            }
            return;
        }
        SlipwayJar.Result deploy =
                slipway.run(
                        "deploy",
                        sites.get(p).url(),
                        "--slug",
                        project.value(),
                        "--ref",
                        sha,
                        "--no-follow",
                        "--json");
        if (deploy.exit() != 0) {
            // Refused while Redis or S3 was stopped: it must not have launched anything.
            refused.incrementAndGet();
            return;
        }
        JsonObject o = JsonParser.parseString(deploy.stdout().trim()).getAsJsonObject();
        launched.add(
                new Launched(
                        project, DeploymentId.of(o.get("deploymentId").getAsString()), number));
    }

    /** Until the deploys end: SIGKILL a builder, or stop Redis or the stack's S3 for a while. */
    private void chaos(StackFile stack, Random random, AtomicBoolean deploying) {
        while (deploying.get()) {
            pause(500 + random.nextInt(1500));
            int pick = random.nextInt(4);
            if (pick <= 1) {
                killABuilder(random);
            } else if (pick == 2) {
                redis(stack).ifPresent(r -> stopFor(r, random, redisStops));
            } else {
                // S3Proxy (and the proxy) live in the stack's JVM; Redis is its own process.
                ProcessHandle.of(stack.pid()).ifPresent(s -> stopFor(s.pid(), random, s3Stops));
            }
        }
    }

    private void killABuilder(Random random) {
        List<Path> pids;
        try (Stream<Path> files = Files.list(home.resolve("builds"))) {
            pids = files.filter(f -> f.toString().endsWith(".pid")).sorted().toList();
        } catch (java.io.IOException e) {
            return; // no build started yet
        }
        if (pids.isEmpty()) {
            return;
        }
        Path file = pids.get(random.nextInt(pids.size()));
        try {
            long pid = Long.parseLong(Files.readString(file).trim().split(" ")[0]);
            String name = file.getFileName().toString();
            DeploymentId id = DeploymentId.of(name.substring(0, name.length() - 4));
            builderPids.add(pid);
            Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
            if (process.isPresent() && process.get().destroyForcibly()) {
                kills.incrementAndGet();
                killed.add(id);
            }
        } catch (java.io.IOException | RuntimeException e) {
            // The build ended and its pid file went between listing and reading: nothing to kill.
        }
    }

    private static Optional<Long> redis(StackFile stack) {
        return ProcessHandle.of(stack.pid()).stream()
                .flatMap(ProcessHandle::descendants)
                .filter(p -> p.info().command().map(c -> c.contains("redis")).orElse(false))
                .map(ProcessHandle::pid)
                .findFirst();
    }

    private static void stopFor(long pid, Random random, AtomicInteger counter) {
        signal("STOP", pid);
        counter.incrementAndGet();
        pause(1000 + random.nextInt(3000));
        signal("CONT", pid);
    }

    private static void resumeEverything(StackFile stack) {
        redis(stack).ifPresent(pid -> signal("CONT", pid));
        signal("CONT", stack.pid());
    }

    private static void signal(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).start();
            kill.waitFor(10, TimeUnit.SECONDS);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Load generation, not synchronisation: the chaos acts at random moments. */
    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Polls the projects' deployments through the service {@code list} uses (each call reconciles)
     * until every launched id has a manifest, then reads {@code list <project> --json} from the CLI
     * once per project.
     */
    private Map<Slug, List<JsonObject>> awaitEveryDeploymentListed(int deploys) throws Exception {
        Awaitility.await()
                .atMost(Duration.ofSeconds(60L + deploys * 6L))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptionsInstanceOf(SlipwayException.class)
                .until(
                        () -> {
                            Set<String> listed = new java.util.HashSet<>();
                            for (Slug project : projects()) {
                                services().projects().deployments(project).stream()
                                        .map(Manifest::deploymentId)
                                        .forEach(listed::add);
                            }
                            return launched.stream().allMatch(l -> listed.contains(l.id().value()));
                        });
        Map<Slug, List<JsonObject>> rows = new HashMap<>();
        for (Slug project : projects()) {
            SlipwayJar.Result list = slipway.run("list", project.value(), "--json");
            assertThat(list.exit()).as(list.toString()).isZero();
            List<JsonObject> out = new ArrayList<>();
            for (JsonElement e : JsonParser.parseString(list.stdout().trim()).getAsJsonArray()) {
                out.add(e.getAsJsonObject());
            }
            rows.put(project, out);
        }
        for (Launched l : launched) {
            assertThat(rows.get(l.project()))
                    .as("list %s shows %s", l.project(), l.id())
                    .anyMatch(r -> r.get("deploymentId").getAsString().equals(l.id().value()));
        }
        return rows;
    }

    private Set<Slug> projects() {
        Set<Slug> out = new java.util.TreeSet<>(java.util.Comparator.comparing(Slug::value));
        launched.forEach(l -> out.add(l.project()));
        return out;
    }

    private void checkProject(
            S3Client s3,
            StackFile stack,
            Slug project,
            List<JsonObject> rows,
            Map<String, Integer> statuses)
            throws Exception {
        DeploymentId newestReady = null;
        for (JsonObject row : rows) {
            String status = row.get("status").getAsString();
            statuses.merge(status, 1, Integer::sum);
            assertThat(status).as(row.toString()).isIn("READY", "FAILED", "CANCELED");
            if (!status.equals("READY")) {
                continue;
            }
            DeploymentId id = DeploymentId.of(row.get("deploymentId").getAsString());
            if (newestReady == null || id.isNewerThan(newestReady)) {
                newestReady = id;
            }
            Manifest manifest =
                    Json.documents()
                            .fromJson(
                                    read(s3, stack, StorageLayout.manifest(project, id))
                                            .orElseThrow(),
                                    Manifest.class);
            assertServesExactly(project, id, manifest);
        }
        Optional<ProjectRecord> record =
                read(s3, stack, StorageLayout.project(project))
                        .map(j -> Json.documents().fromJson(j, ProjectRecord.class));
        Optional<DeploymentId> live = record.flatMap(ProjectRecord::live);
        assertThat(live)
                .as("the live pointer of %s is its newest READY deployment", project)
                .isEqualTo(Optional.ofNullable(newestReady));
    }

    /** Every file of the manifest with its bytes, and another deployment's own file not at all. */
    private void assertServesExactly(Slug project, DeploymentId id, Manifest manifest)
            throws Exception {
        String host = project + "--" + id.value().substring(16).toLowerCase(Locale.ROOT);
        for (Map.Entry<String, FileEntry> file : manifest.files().entrySet()) {
            HttpResponse<byte[]> response = get(host, "/" + file.getKey());
            assertThat(response.statusCode()).as(host + "/" + file.getKey()).isEqualTo(200);
            assertThat(sha256(response.body())).isEqualTo(file.getValue().sha256());
        }
        Launched own = launched.stream().filter(l -> l.id().equals(id)).findFirst().orElseThrow();
        for (Launched other : launched) {
            if (other.project().equals(project) && other.number() != own.number()) {
                assertThat(get(host, "/only-" + other.number() + ".txt").statusCode())
                        .as("%s serves another deployment's file", host)
                        .isEqualTo(404);
            }
        }
    }

    private void assertNothingLeft() throws Exception {
        try (Stream<Path> builds = Files.list(home.resolve("builds"))) {
            assertThat(builds.map(p -> p.getFileName().toString()))
                    .as("pid files and cancel markers left")
                    .noneMatch(n -> n.endsWith(".pid") || n.endsWith(".canceled"));
        }
        for (Launched l : launched) {
            try (Stream<Path> dirs = Files.list(TMP)) {
                assertThat(dirs.map(p -> p.getFileName().toString()))
                        .as("work folders of %s", l.id())
                        .noneMatch(n -> n.startsWith("slipway-build-" + l.id() + "-"));
            }
            assertThat(new BuildProcesses(l.id().value()).find())
                    .as("processes of build %s", l.id())
                    .filteredOn(p -> !BuildProcesses.isZombie(p.pid()))
                    .isEmpty();
        }
        for (long pid : builderPids) {
            assertThat(
                            ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()
                                    || BuildProcesses.isZombie(pid))
                    .as("builder %d is gone", pid)
                    .isTrue();
        }
    }

    private static HttpResponse<byte[]> get(String host, String path) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxyPort + path))
                        .header("Host", host + ".localhost:" + proxyPort)
                        .timeout(Duration.ofSeconds(20))
                        .build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Optional<String> read(S3Client s3, StackFile stack, String key) {
        try {
            return Optional.of(
                    s3.getObject(
                                    b -> b.bucket(stack.bucket()).key(key),
                                    ResponseTransformer.toBytes())
                            .asString(StandardCharsets.UTF_8));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    private static String sha256(byte[] body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    }
}
