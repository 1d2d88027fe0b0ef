package dev.slipway.desktop.ui;

import dev.slipway.core.config.ConfigStore;
import dev.slipway.core.config.SlipwayHome;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.deployment.Manifest;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.log.OutputStream;
import dev.slipway.core.log.Phase;
import dev.slipway.core.project.ProjectRecord;
import dev.slipway.core.project.Slug;
import dev.slipway.desktop.AppServices;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.desktop.deploy.DeployRequest;
import dev.slipway.desktop.deploy.DeployService;
import dev.slipway.desktop.deploy.DeploymentHandle;
import dev.slipway.desktop.doctor.CheckResult;
import dev.slipway.desktop.doctor.DoctorService;
import dev.slipway.desktop.domains.Domains;
import dev.slipway.desktop.logs.LogService;
import dev.slipway.desktop.projects.ProjectService;
import dev.slipway.desktop.projects.ProjectSummary;
import dev.slipway.desktop.projects.SiteAddresses;
import dev.slipway.desktop.promote.PromoteService;
import dev.slipway.desktop.promote.Promotions;
import dev.slipway.desktop.stack.StackService;
import dev.slipway.desktop.stack.StackStatus;
import dev.slipway.desktop.variables.BuildVariables;
import dev.slipway.desktop.variables.BuildVariablesService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The service interfaces kept in memory, for the view tests that need no servers: a deploy runs a
 * short scripted build on a background thread (as the real reader delivers events off the UI
 * thread) and fails when the repository's name contains "broken".
 */
public final class InMemoryAppServices implements AppServices {

    private final SlipwayHome home;
    private final ConfigStore config;
    private final Map<DeploymentId, Log> logs = new ConcurrentHashMap<>();
    private final Map<String, ProjectRecord> records = new ConcurrentHashMap<>();
    private final Map<String, List<Manifest>> manifests = new ConcurrentHashMap<>();
    public final List<DeployRequest> requests = new CopyOnWriteArrayList<>();
    public final List<DeploymentId> canceled = new CopyOnWriteArrayList<>();

    /** Whether the local stack runs; a test stops it by setting false. */
    public final java.util.concurrent.atomic.AtomicBoolean stackRunning =
            new java.util.concurrent.atomic.AtomicBoolean(true);

    public final java.util.concurrent.atomic.AtomicInteger stackStarts =
            new java.util.concurrent.atomic.AtomicInteger();
    public final java.util.concurrent.atomic.AtomicInteger stackStops =
            new java.util.concurrent.atomic.AtomicInteger();
    public final java.util.concurrent.atomic.AtomicInteger projectLists =
            new java.util.concurrent.atomic.AtomicInteger();

    /** Builds of a repository named "sleeping…" wait on this until a test releases them. */
    public final java.util.concurrent.CountDownLatch wake =
            new java.util.concurrent.CountDownLatch(1);

    /** While set, every deploy finds an identical one started a second ago (Enter twice). */
    public final java.util.concurrent.atomic.AtomicBoolean duplicates =
            new java.util.concurrent.atomic.AtomicBoolean(false);

    /** Seqs a "holey…" build's live stream skips (its archive has them). */
    private final Map<DeploymentId, java.util.Set<Long>> skipped = new ConcurrentHashMap<>();

    public InMemoryAppServices(Path homeDir) {
        this.home = new SlipwayHome(homeDir);
        this.config = new ConfigStore(home);
    }

    private static final class Log {
        final List<LogEvent> events = new ArrayList<>();
        final java.util.Set<Long> notStreamed = new java.util.HashSet<>();
        final List<Listener> listeners = new ArrayList<>();
        boolean ended;
    }

    private record Listener(Consumer<LogEvent> onEvent, Runnable onEnd) {}

    private void emit(DeploymentId id, LogEvent event) {
        Log log = logs.get(id);
        List<Listener> targets;
        synchronized (log) {
            log.events.add(event);
            log.ended = event.isTerminal();
            targets = List.copyOf(log.listeners);
        }
        if (log.notStreamed.contains(event.seq())) {
            return;
        }
        for (Listener l : targets) {
            l.onEvent.accept(event);
            if (event.isTerminal()) {
                l.onEnd.run();
            }
        }
    }

    /** Adds a finished deployment directly, as if built earlier. */
    public DeploymentId seed(String project, DeploymentStatus status, boolean live) {
        return seed(project, status, live, false);
    }

    /** Adds a finished deployment, built as a preview when {@code preview}. */
    public DeploymentId seed(
            String project, DeploymentStatus status, boolean live, boolean preview) {
        DeploymentId id = DeploymentId.newId();
        Instant created = id.createdAt();
        Manifest m =
                new Manifest(
                        project,
                        id.value(),
                        status,
                        "https://example.com/o/" + project,
                        "main",
                        "0123456789abcdef0123456789abcdef01234567",
                        "Seeded",
                        created,
                        created.plusSeconds(12),
                        "vite",
                        true,
                        status == DeploymentStatus.FAILED ? "npm run build exited with 1" : null,
                        null,
                        preview ? Boolean.TRUE : null,
                        null,
                        null);
        manifests.computeIfAbsent(project, p -> new CopyOnWriteArrayList<>()).add(0, m);
        logs.put(id, new Log());
        emit(id, LogEvent.line(1, created, Phase.BUILD, OutputStream.STDOUT, "built " + id));
        emit(
                id,
                status == DeploymentStatus.READY
                        ? LogEvent.ready(2, created, siteUrl(project))
                        : LogEvent.failed(2, created, "npm run build exited with 1"));
        ProjectRecord old = records.get(project);
        String liveId = live ? id.value() : old == null ? null : old.liveDeploymentId();
        records.put(project, new ProjectRecord(project, m.repoUrl(), null, liveId, Instant.now()));
        return id;
    }

    public String liveOf(String project) {
        return records.get(project).liveDeploymentId();
    }

    private String siteUrl(String project) {
        return config.load().siteUrl(project);
    }

    private final DeployService deploy =
            new DeployService() {
                @Override
                public DeploymentHandle deploy(DeployRequest request) {
                    requests.add(request);
                    String slug = request.slug();
                    ProjectRecord existing = slug == null ? null : records.get(slug);
                    if (request.repoUrl() == null && existing == null) {
                        throw SlipwayException.badInput(
                                "There is no project '" + slug + "' to redeploy.");
                    }
                    String repo =
                            request.repoUrl() != null ? request.repoUrl() : existing.repoUrl();
                    DeploymentId id = DeploymentId.newId();
                    logs.put(id, new Log());
                    boolean broken = repo.contains("broken");
                    boolean preview = request.preview();
                    Thread t =
                            new Thread(
                                    () -> build(slug, repo, id, broken, preview),
                                    "fake-build-" + id);
                    t.setDaemon(true);
                    emit(id, LogEvent.status(0, Instant.now(), DeploymentStatus.QUEUED));
                    t.start();
                    return new DeploymentHandle(Slug.of(slug), id, siteUrl(slug));
                }

                @Override
                public Optional<RecentDeploy> recentDuplicate(DeployRequest request) {
                    if (!duplicates.get()) {
                        return Optional.empty();
                    }
                    return Optional.of(
                            new RecentDeploy(
                                    Slug.of(request.slug()),
                                    DeploymentId.newId(),
                                    Duration.ofSeconds(1)));
                }

                @Override
                public void cancel(DeploymentId id) {
                    canceled.add(id);
                    Log log = logs.get(id);
                    if (log != null && !log.ended) {
                        long next;
                        synchronized (log) {
                            next = log.events.stream().mapToLong(LogEvent::seq).max().orElse(0) + 1;
                        }
                        emit(id, LogEvent.canceled(next, Instant.now(), "killed by SIGTERM"));
                    }
                }
            };

    private void build(String slug, String repo, DeploymentId id, boolean broken, boolean preview) {
        long seq = 0;
        boolean holey = repo.contains("holey");
        if (holey) {
            synchronized (logs.get(id)) {
                for (long s = 11; s <= 30; s++) {
                    logs.get(id).notStreamed.add(s);
                }
            }
        }
        try {
            emit(id, LogEvent.status(0, Instant.now(), DeploymentStatus.STARTING));
            emit(id, LogEvent.status(++seq, Instant.now(), DeploymentStatus.CLONING));
            emit(
                    id,
                    LogEvent.line(
                            ++seq,
                            Instant.now(),
                            Phase.CLONE,
                            OutputStream.SYSTEM,
                            "Cloning " + repo));
            Thread.sleep(150);
            emit(id, LogEvent.status(++seq, Instant.now(), DeploymentStatus.BUILDING));
            if (repo.contains("burst")) {
                // A build that fails at once: its whole log and its end reach the pane together,
                // with the error line in the middle.
                for (int i = 0; i < 80; i++) {
                    emit(
                            id,
                            LogEvent.line(
                                    ++seq,
                                    Instant.now(),
                                    Phase.BUILD,
                                    i == 40 ? OutputStream.STDERR : OutputStream.STDOUT,
                                    i == 40 ? "error: Could not resolve ./Header" : "line " + i));
                }
                emit(
                        id,
                        LogEvent.failed(
                                ++seq, Instant.now(), "npm run build exited with 1: see the log."));
                addManifest(slug, repo, id, DeploymentStatus.FAILED, false, false);
                return;
            }
            emit(
                    id,
                    LogEvent.line(
                            ++seq,
                            Instant.now(),
                            Phase.BUILD,
                            OutputStream.STDOUT,
                            "> node build.js"));
            for (int i = 0; i < 40; i++) {
                emit(
                        id,
                        LogEvent.line(
                                ++seq,
                                Instant.now(),
                                Phase.BUILD,
                                OutputStream.STDOUT,
                                "\u001b[32m✓\u001b[39m step " + i));
            }
            Thread.sleep(150);
            if (repo.contains("sleeping")) {
                wake.await();
                if (logs.get(id).ended) {
                    return;
                }
            }
            if (repo.contains("echo")) {
                emit(
                        id,
                        LogEvent.line(
                                ++seq,
                                Instant.now(),
                                Phase.BUILD,
                                OutputStream.STDOUT,
                                "> echo 'checking for error pages'"));
                emit(
                        id,
                        LogEvent.line(
                                ++seq,
                                Instant.now(),
                                Phase.BUILD,
                                OutputStream.STDERR,
                                "Cannot read properties of undefined"));
                emit(
                        id,
                        LogEvent.failed(
                                ++seq,
                                Instant.now(),
                                "npm run build exited with 1: see the build log above."));
                addManifest(slug, repo, id, DeploymentStatus.FAILED, false, false);
                return;
            }
            Instant now = Instant.now();
            if (broken) {
                emit(
                        id,
                        LogEvent.line(
                                ++seq,
                                now,
                                Phase.BUILD,
                                OutputStream.STDERR,
                                "Error: Cannot find module './missing.js'"));
                emit(
                        id,
                        LogEvent.line(
                                ++seq,
                                now,
                                Phase.BUILD,
                                OutputStream.STDERR,
                                "    at Module._resolveFilename"));
                emit(
                        id,
                        LogEvent.failed(
                                ++seq, now, "The build command 'node build.js' exited with 1."));
                addManifest(slug, repo, id, DeploymentStatus.FAILED, false, false);
            } else {
                emit(id, LogEvent.status(++seq, now, DeploymentStatus.UPLOADING));
                emit(id, LogEvent.ready(++seq, Instant.now(), siteUrl(slug)));
                addManifest(slug, repo, id, DeploymentStatus.READY, !preview, preview);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void addManifest(
            String slug,
            String repo,
            DeploymentId id,
            DeploymentStatus status,
            boolean live,
            boolean preview) {
        Instant created = id.createdAt();
        manifests
                .computeIfAbsent(slug, p -> new CopyOnWriteArrayList<>())
                .add(
                        0,
                        new Manifest(
                                slug,
                                id.value(),
                                status,
                                repo,
                                "main",
                                "fedcba9876543210fedcba9876543210fedcba98",
                                "Build",
                                created,
                                Instant.now(),
                                null,
                                true,
                                null,
                                null,
                                preview ? Boolean.TRUE : null,
                                null,
                                null));
        ProjectRecord old = records.get(slug);
        records.put(
                slug,
                new ProjectRecord(
                        slug,
                        repo,
                        null,
                        live ? id.value() : old == null ? null : old.liveDeploymentId(),
                        Instant.now()));
    }

    private final LogService logService =
            new LogService() {
                @Override
                public LogSubscription follow(
                        DeploymentId id,
                        Consumer<LogEvent> onEvent,
                        Runnable onEnd,
                        Consumer<Throwable> onError) {
                    Log log = logs.get(id);
                    if (log == null) {
                        onError.accept(SlipwayException.badInput("No log for " + id));
                        return () -> {};
                    }
                    Listener listener = new Listener(onEvent, onEnd);
                    List<LogEvent> replay;
                    boolean ended;
                    synchronized (log) {
                        replay =
                                log.events.stream()
                                        .filter(e -> !log.notStreamed.contains(e.seq()))
                                        .toList();
                        ended = log.ended;
                        if (!ended) {
                            log.listeners.add(listener);
                        }
                    }
                    replay.forEach(onEvent);
                    if (ended) {
                        onEnd.run();
                    }
                    return () -> {
                        synchronized (log) {
                            log.listeners.remove(listener);
                        }
                    };
                }

                @Override
                public List<LogEvent> read(DeploymentId id) {
                    Log log = logs.get(id);
                    synchronized (log) {
                        return List.copyOf(log.events);
                    }
                }

                /** As Redis: a trimmed stream lacks the holes; the archive exists once ended. */
                @Override
                public List<LogEvent> range(DeploymentId id, long from, long to) {
                    Log log = logs.get(id);
                    synchronized (log) {
                        return log.events.stream()
                                .filter(e -> e.seq() >= from && e.seq() <= to)
                                .filter(e -> log.ended || !log.notStreamed.contains(e.seq()))
                                .toList();
                    }
                }
            };

    private final ProjectService projectService =
            new ProjectService() {
                @Override
                public List<ProjectSummary> list() {
                    projectLists.incrementAndGet();
                    return records.values().stream()
                            .sorted(Comparator.comparing(ProjectRecord::project))
                            .map(
                                    r ->
                                            new ProjectSummary(
                                                    r,
                                                    r.liveDeploymentId() == null
                                                            ? null
                                                            : siteUrl(r.project()),
                                                    manifests
                                                            .getOrDefault(r.project(), List.of())
                                                            .stream()
                                                            .findFirst()
                                                            .map(Manifest::status)
                                                            .orElse(null)))
                            .toList();
                }

                @Override
                public Optional<ProjectRecord> project(Slug project) {
                    return Optional.ofNullable(records.get(project.value()));
                }

                @Override
                public List<Manifest> deployments(Slug project) {
                    return List.copyOf(manifests.getOrDefault(project.value(), List.of()));
                }

                @Override
                public DeploymentId rollback(Slug project, DeploymentId id) {
                    ProjectRecord r = records.get(project.value());
                    records.put(project.value(), r.withLive(id, Instant.now()));
                    return id;
                }

                @Override
                public RemovalPlan planRemoval(Slug project) {
                    int n = manifests.getOrDefault(project.value(), List.of()).size();
                    return new RemovalPlan(project, n, n, 3 * n, 4096L * n);
                }

                @Override
                public RemovalPlan remove(Slug project) {
                    RemovalPlan plan = planRemoval(project);
                    records.remove(project.value());
                    manifests.remove(project.value());
                    return plan;
                }
            };

    private final StackService stackService =
            new StackService() {
                @Override
                public StackStatus status() {
                    if (!stackRunning.get()) {
                        return StackStatus.stopped();
                    }
                    return new StackStatus(
                            true,
                            "http://127.0.0.1:9000",
                            "redis://127.0.0.1:6379",
                            8000,
                            ProcessHandle.current().pid());
                }

                @Override
                public StackStatus ensureRunning() {
                    stackStarts.incrementAndGet();
                    stackRunning.set(true);
                    return status();
                }

                @Override
                public void stop() {
                    stackStops.incrementAndGet();
                    stackRunning.set(false);
                }
            };

    private final DoctorService doctorService =
            new DoctorService() {
                @Override
                public List<CheckResult> run(dev.slipway.core.config.SlipwayConfig c) {
                    return List.of(
                            new CheckResult("config.json", true, "readable"),
                            new CheckResult(
                                    "S3 bucket " + c.aws().bucket(),
                                    c.aws().bucket() != null,
                                    c.aws().bucket() == null ? "set a bucket" : "reachable"));
                }

                @Override
                public Optional<String> awsIdentity(dev.slipway.core.config.SlipwayConfig c) {
                    return Optional.of("arn:aws:iam::123456789012:user/dev");
                }
            };

    @Override
    public SlipwayHome home() {
        return home;
    }

    @Override
    public ConfigStore config() {
        return config;
    }

    @Override
    public DeployService deploy() {
        return deploy;
    }

    @Override
    public LogService logs() {
        return logService;
    }

    @Override
    public ProjectService projects() {
        return projectService;
    }

    @Override
    public StackService stack() {
        return stackService;
    }

    @Override
    public DoctorService doctor() {
        return doctorService;
    }

    /** Domains by host, as {@code domains/<host>.json}. */
    public final Map<String, dev.slipway.core.domain.DomainRecord> domainRecords =
            new ConcurrentHashMap<>();

    /** Saved variables by project, then name; a secret's value is kept only here. */
    public final Map<String, Map<String, BuildVariablesService.Variable>> variableRecords =
            new ConcurrentHashMap<>();

    /** The values given to secret variables, which {@link BuildVariables#list} never returns. */
    public final Map<String, String> secretValues = new ConcurrentHashMap<>();

    private void requireProject(Slug project) {
        if (!records.containsKey(project.value())) {
            throw SlipwayException.badInput(
                    "There is no project '" + project + "'; deploy it first.");
        }
    }

    private final Domains domainService =
            new Domains() {
                @Override
                public List<dev.slipway.core.domain.DomainRecord> list(Slug project) {
                    requireProject(project);
                    return domainRecords.values().stream()
                            .filter(d -> d.project().equals(project.value()))
                            .sorted(
                                    Comparator.comparing(
                                            dev.slipway.core.domain.DomainRecord::host))
                            .toList();
                }

                @Override
                public dev.slipway.core.domain.DomainRecord add(Slug project, String raw) {
                    requireProject(project);
                    String host;
                    try {
                        host = dev.slipway.core.domain.DomainRecord.normalizeHost(raw);
                    } catch (IllegalArgumentException e) {
                        throw SlipwayException.badInput(e.getMessage());
                    }
                    var existing = domainRecords.get(host);
                    if (existing != null && !existing.project().equals(project.value())) {
                        throw SlipwayException.badInput(
                                host + " belongs to project '" + existing.project() + "'.");
                    }
                    var record = new dev.slipway.core.domain.DomainRecord(host, project.value());
                    domainRecords.put(host, record);
                    return record;
                }

                @Override
                public boolean remove(Slug project, String host) {
                    var existing = domainRecords.get(host);
                    if (existing == null || !existing.project().equals(project.value())) {
                        return false;
                    }
                    domainRecords.remove(host);
                    return true;
                }
            };

    private final BuildVariables variableService =
            new BuildVariables() {
                @Override
                public List<BuildVariablesService.Variable> list(Slug project) {
                    requireProject(project);
                    return variableRecords.getOrDefault(project.value(), Map.of()).values().stream()
                            .sorted(Comparator.comparing(BuildVariablesService.Variable::name))
                            .toList();
                }

                @Override
                public void add(Slug project, String name, String value, boolean secret) {
                    requireProject(project);
                    if (name == null || !name.matches("^[A-Za-z_][A-Za-z0-9_]*$")) {
                        throw SlipwayException.badInput(
                                "'" + name + "' is not a valid variable name.");
                    }
                    if (secret) {
                        secretValues.put(project + "/" + name, value);
                    }
                    variableRecords
                            .computeIfAbsent(project.value(), p -> new ConcurrentHashMap<>())
                            .put(
                                    name,
                                    new BuildVariablesService.Variable(
                                            name, secret ? null : value, secret));
                }

                @Override
                public boolean remove(Slug project, String name) {
                    secretValues.remove(project + "/" + name);
                    return variableRecords.getOrDefault(project.value(), Map.of()).remove(name)
                            != null;
                }
            };

    private final Promotions promoteService =
            (project, id) -> {
                Manifest m =
                        manifests.getOrDefault(project.value(), List.of()).stream()
                                .filter(x -> x.deploymentId().equals(id.value()))
                                .findFirst()
                                .orElseThrow(
                                        () ->
                                                SlipwayException.badInput(
                                                        id + " is not a deployment of " + project));
                if (!m.isReady()) {
                    throw SlipwayException.badInput(
                            id + " ended " + m.status() + ", so it cannot be made live.");
                }
                ProjectRecord r = records.get(project.value());
                DeploymentId previous =
                        r.liveDeploymentId() == null ? null : DeploymentId.of(r.liveDeploymentId());
                records.put(project.value(), r.withLive(id, Instant.now()));
                return new PromoteService.Promoted(id, previous);
            };

    @Override
    public Promotions promote() {
        return promoteService;
    }

    @Override
    public BuildVariables variables() {
        return variableService;
    }

    @Override
    public Domains domains() {
        return domainService;
    }

    @Override
    public SiteAddresses addresses() {
        return new SiteAddresses() {
            @Override
            public String siteUrl(Slug project) {
                return config.load().siteUrl(project.value());
            }

            @Override
            public String deploymentUrl(Slug project, DeploymentId id) {
                return config.load().deploymentUrl(project.value(), id);
            }
        };
    }

    @Override
    public void close() {}
}
