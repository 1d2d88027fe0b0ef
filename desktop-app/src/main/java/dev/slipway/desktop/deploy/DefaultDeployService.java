package dev.slipway.desktop.deploy;

import dev.slipway.core.build.BuildVariable;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.log.LogProtocol;
import dev.slipway.core.project.InvalidSlugException;
import dev.slipway.core.project.ProjectRecord;
import dev.slipway.core.project.ProjectRules;
import dev.slipway.core.project.ProjectSettings;
import dev.slipway.core.project.RepositoryCredentials;
import dev.slipway.core.project.Slug;
import dev.slipway.core.project.SpaMode;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.desktop.backend.Backend;
import dev.slipway.desktop.launch.LaunchSpec;
import dev.slipway.desktop.logstream.LogStreams;
import dev.slipway.desktop.secrets.SecretStore;
import dev.slipway.desktop.source.FolderSource;
import dev.slipway.desktop.storage.UploadProgress;
import dev.slipway.desktop.variables.BuildVariablesService;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Checks a deploy request (credentials in the URL, repository, slug, ownership of the project) and
 * hands the build to the launcher of the configured mode. It writes nothing in the bucket: the
 * builder writes the project record when, and only when, the build is READY.
 */
public final class DefaultDeployService implements DeployService {

    private final Supplier<Backend> backends;
    private final Map<String, String> env;
    private final Path workingDir;
    private final RandomGenerator random = new SecureRandom();

    private final Function<Backend, SecretStore> secrets;
    private final Function<DeploymentId, Runnable> builderAhead;

    public DefaultDeployService(
            Supplier<Backend> backends, Map<String, String> env, Path workingDir) {
        this(backends, env, workingDir, backend -> null);
    }

    /**
     * @param secrets the store of the backend's mode for secret build variables (null: none)
     */
    public DefaultDeployService(
            Supplier<Backend> backends,
            Map<String, String> env,
            Path workingDir,
            Function<Backend, SecretStore> secrets) {
        this(backends, env, workingDir, secrets, id -> () -> {});
    }

    /**
     * @param builderAhead starts a deployment's builder before the deploy is checked, where it can
     *     ({@code Backends#startBuilderAhead}); what it returns ends that builder when the launch
     *     did not take it
     */
    public DefaultDeployService(
            Supplier<Backend> backends,
            Map<String, String> env,
            Path workingDir,
            Function<Backend, SecretStore> secrets,
            Function<DeploymentId, Runnable> builderAhead) {
        this.backends = backends;
        this.env = env;
        this.workingDir = workingDir;
        this.secrets = secrets;
        this.builderAhead = builderAhead;
    }

    @Override
    public Optional<RecentDeploy> recentDuplicate(DeployRequest request) {
        Backend backend = backends.get();
        Target target = resolve(backend, request);
        return backend.streams()
                .noted(repeatKey(target, request))
                .flatMap(note -> recent(target.slug(), note))
                .filter(r -> !backend.streams().hasTerminal(r.id()));
    }

    @Override
    public DeploymentHandle deploy(DeployRequest request) {
        return deploy(request, UploadProgress.NONE);
    }

    @Override
    public DeploymentHandle deploy(DeployRequest request, UploadProgress progress) {
        DeploymentId id = DeploymentId.newId();
        // Its JVM starts while the checks below run; a deploy that is refused ends it unused.
        Runnable unusedBuilder = builderAhead.apply(id);
        try {
            return deploy(request, progress, id);
        } finally {
            unusedBuilder.run();
        }
    }

    private DeploymentHandle deploy(
            DeployRequest request, UploadProgress progress, DeploymentId id) {
        Backend backend = backends.get();
        Target target = resolve(backend, request);
        SecretStore store = null;
        if (!target.settings().secretEnv().isEmpty()) {
            store = secrets.apply(backend);
            if (store == null) {
                throw SlipwayException.badInput(
                        "Project '"
                                + target.slug()
                                + "' has secret variables, which this mode has no store for; remove them with 'slipway env rm'.");
            }
        }
        request.secretEnv().forEach(DefaultDeployService::checkSecret);
        Optional<String> gitHost = SecretStore.gitHost(target.repoUrl());
        if (request.secretEnv().containsKey(SecretStore.GIT_TOKEN)
                && (gitHost.isEmpty() || target.folder() != null)) {
            throw SlipwayException.badInput(
                    "--secret-env GIT_TOKEN is a clone token, and this deploy clones nothing from an https:// repository; leave it out.");
        }
        // Everything a launch needs is checked before anything is stored or uploaded: a deploy
        // that cannot start (Redis down, no cluster) leaves no secret, source archive or record.
        backend.launcher().check();
        backend.serveSites();
        String repeatKey = repeatKey(target, request);
        String note = id.value() + " " + Instant.now().toEpochMilli();
        if (request.repeat()) {
            backend.streams().note(repeatKey, note, REPEAT_WINDOW);
        } else {
            Optional<RecentDeploy> earlier =
                    backend.streams()
                            .noteIfAbsent(repeatKey, note, REPEAT_WINDOW)
                            .flatMap(n -> recent(target.slug(), n));
            if (earlier.isPresent() && backend.streams().hasTerminal(earlier.get().id())) {
                // The earlier one has ended already: this is a redeploy, not a second Enter.
                backend.streams().note(repeatKey, note, REPEAT_WINDOW);
                earlier = Optional.empty();
            }
            if (earlier.isPresent()) {
                throw SlipwayException.badInput(
                        "Deployment "
                                + earlier.get().id()
                                + " of "
                                + target.slug()
                                + " started "
                                + Math.max(1, earlier.get().age().toSeconds())
                                + " s ago with the same repository, ref and settings and is still running; follow it with 'slipway logs "
                                + earlier.get().id()
                                + " --follow', or add --force to start another one.");
            }
        }
        try {
            DeploymentHandle handle = launch(backend, target, request, id, store, progress);
            backend.reconciler().launched(target.slug(), id);
            return handle;
        } catch (RuntimeException e) {
            // Nothing started: the same deploy may be tried again at once.
            try {
                backend.streams().forget(repeatKey);
            } catch (SlipwayException redisDown) {
                e.addSuppressed(redisDown);
            }
            throw e;
        }
    }

    /**
     * The Redis key that notes a deploy of this project, repository, ref, settings and variables
     * for {@link #REPEAT_WINDOW}: {@code slipway:recent:<project>:<sha-256 of them>}.
     */
    static String repeatKey(Target target, DeployRequest request) {
        String what =
                dev.slipway.core.json.Json.documents()
                        .toJson(
                                java.util.Arrays.asList(
                                        target.slug().value(),
                                        target.repoUrl(),
                                        target.settings(),
                                        request.preview(),
                                        target.folder() == null
                                                ? null
                                                : target.folder().toString()));
        try {
            byte[] digest =
                    java.security.MessageDigest.getInstance("SHA-256")
                            .digest(what.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "slipway:recent:"
                    + target.slug()
                    + ":"
                    + java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }

    private static Optional<RecentDeploy> recent(Slug project, String note) {
        String[] parts = note.split(" ");
        if (parts.length != 2 || !DeploymentId.isValid(parts[0])) {
            return Optional.empty();
        }
        try {
            java.time.Duration age =
                    java.time.Duration.between(
                            Instant.ofEpochMilli(Long.parseLong(parts[1])), Instant.now());
            return Optional.of(
                    new RecentDeploy(
                            project,
                            DeploymentId.of(parts[0]),
                            age.isNegative() ? java.time.Duration.ZERO : age));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private DeploymentHandle launch(
            Backend backend,
            Target target,
            DeployRequest request,
            DeploymentId id,
            SecretStore store,
            UploadProgress progress) {
        // Builds of this project whose runner died are ended first, so the new one is never
        // queued behind a build that will not finish.
        backend.reconciler().reconcileKnown(target.slug());
        // Nothing is written here: the builder writes the record (repository, settings, live
        // pointer) only when the build is READY, so a failed or never-launched deploy changes
        // nothing and claims no project name.
        String siteUrl = backend.siteUrl(target.slug());
        Map<String, String> launchEnv = new java.util.LinkedHashMap<>();
        BuildVariable.PREVIEW.putFlag(launchEnv, request.preview());
        if (store != null) {
            String gitHost =
                    target.folder() == null
                            ? SecretStore.gitHost(target.repoUrl()).orElse(null)
                            : null;
            for (Map.Entry<String, String> secret : request.secretEnv().entrySet()) {
                if (secret.getKey().equals(SecretStore.GIT_TOKEN)) {
                    store.putGitToken(target.slug(), gitHost, secret.getValue());
                } else {
                    store.put(target.slug(), secret.getKey(), secret.getValue());
                }
            }
            launchEnv.putAll(store.builderEnvironment(target.slug(), id, gitHost));
        }
        if (target.folder() != null) {
            launchEnv.putAll(
                    FolderSource.prepare(
                            target.folder(),
                            backend.config().mode(),
                            backend.bucket(),
                            target.slug(),
                            id,
                            progress));
        }
        String token =
                env.getOrDefault(BuildVariable.GIT_TOKEN.name(), env.get("SLIPWAY_GIT_TOKEN"));
        LaunchSpec spec =
                new LaunchSpec(
                        target.slug(),
                        id,
                        target.repoUrl(),
                        target.settings(),
                        target.settings().env(),
                        siteUrl,
                        backend.config().mode() == dev.slipway.core.config.Mode.LOCAL
                                ? token
                                : null,
                        launchEnv,
                        request.force());
        backend.launcher().launch(spec);
        return new DeploymentHandle(target.slug(), id, siteUrl);
    }

    record Target(
            Slug slug,
            String repoUrl,
            ProjectSettings settings,
            Optional<ProjectRecord> existing,
            Path folder) {
        Target(Slug slug, String repoUrl, ProjectSettings settings, Optional<ProjectRecord> e) {
            this(slug, repoUrl, settings, e, null);
        }

        Target withFolder(Path folder) {
            return new Target(slug, repoUrl, settings, existing, folder);
        }
    }

    private Target resolve(Backend backend, DeployRequest request) {
        Target target = resolveRepository(backend, request);
        Map<String, String> env = mergeEnv(target.settings().env(), request.env());
        java.util.TreeSet<String> secretNames =
                new java.util.TreeSet<>(target.settings().secretEnv());
        secretNames.addAll(request.secretEnv().keySet());
        env.keySet().removeAll(request.secretEnv().keySet());
        ProjectSettings withEnv = target.settings().withEnv(env, List.copyOf(secretNames));
        target = new Target(target.slug(), target.repoUrl(), withEnv, target.existing());
        Optional<Path> folder = RepositoryInput.folder(target.repoUrl());
        if (folder.isPresent()
                && FolderSource.usesWorkingTree(folder.get(), target.settings().ref())) {
            return target.withFolder(folder.get());
        }
        if (folder.isPresent() && backend.config().mode() == dev.slipway.core.config.Mode.AWS) {
            return target.withFolder(folder.get());
        }
        return target;
    }

    private static Map<String, String> mergeEnv(
            Map<String, String> saved, Map<String, String> given) {
        Map<String, String> all = new java.util.TreeMap<>(saved);
        all.putAll(given);
        return all;
    }

    private Target resolveRepository(Backend backend, DeployRequest request) {
        refuseCredentials(request.repoUrl());
        if (request.repoUrl() == null || request.repoUrl().isBlank()) {
            if (request.slug() == null || request.slug().isBlank()) {
                throw SlipwayException.badInput(
                        "Give the repository to deploy (an https:// URL or, in local mode, a folder), or --slug of an existing project to redeploy it.");
            }
            Slug slug = slug(request.slug());
            ProjectRecord existing =
                    backend.bucket()
                            .project(slug)
                            .or(() -> fromLatestManifest(backend, slug))
                            .orElseThrow(
                                    () ->
                                            SlipwayException.badInput(
                                                    "There is no project '"
                                                            + slug
                                                            + "' to redeploy; give its repository too, for example: slipway deploy https://github.com/owner/repo --slug "
                                                            + slug
                                                            + "."));
            refuseCredentials(existing.repoUrl());
            return new Target(
                    slug,
                    existing.repoUrl(),
                    merge(existing.settings(), request.settings()),
                    Optional.of(existing));
        }
        String repo =
                RepositoryInput.normalize(request.repoUrl(), backend.config().mode(), workingDir);
        if (request.slug() != null && !request.slug().isBlank()) {
            Slug slug = slug(request.slug());
            Optional<ProjectRecord> existing = backend.bucket().project(slug);
            try {
                ProjectRules.checkOwner(existing, repo, request.force());
            } catch (ProjectRules.NotOwnerException e) {
                throw SlipwayException.badInput(
                        "The project '"
                                + slug
                                + "' is deployed from "
                                + e.owner()
                                + "; choose another --slug, or add --force to deploy "
                                + e.other()
                                + " there instead (it takes the project over only if the build is READY).");
            }
            return new Target(
                    slug,
                    repo,
                    existing.map(r -> merge(r.settings(), request.settings()))
                            .orElse(request.settings()),
                    existing);
        }
        Slug base = Slug.fromRepositoryUrl(repo);
        Slug slug = base;
        for (int attempt = 0; attempt < 20; attempt++) {
            Optional<ProjectRecord> existing = backend.bucket().project(slug);
            if (existing.isEmpty()) {
                return new Target(slug, repo, request.settings(), existing);
            }
            if (existing.get().isSameRepository(repo)) {
                return new Target(
                        slug, repo, merge(existing.get().settings(), request.settings()), existing);
            }
            slug = base.withRandomSuffix(random);
        }
        throw SlipwayException.badInput(
                "No free project name near '" + base + "' was found; give one with --slug.");
    }

    private static void checkSecret(String name, String value) {
        if (value == null || value.length() < BuildVariablesService.MIN_SECRET_LENGTH) {
            throw SlipwayException.badInput(
                    "--secret-env "
                            + name
                            + " must have at least "
                            + BuildVariablesService.MIN_SECRET_LENGTH
                            + " characters, so the log can mask it; give a shorter value with --env.");
        }
    }

    /**
     * Refuses a repository URL that carries credentials, before anything is written or launched
     * (contract section 4); the message shows the URL without them.
     */
    static void refuseCredentials(String repoUrl) {
        if (RepositoryCredentials.present(repoUrl)) {
            throw SlipwayException.badInput(
                    "The repository URL "
                            + RepositoryCredentials.withoutCredentials(repoUrl)
                            + " carries credentials, which Slipway never stores: remove them from the URL, and save a token for a private repository with 'slipway env add <project> GIT_TOKEN --secret' (or deploy --secret-env GIT_TOKEN=…).");
        }
    }

    /**
     * A project whose builds never reached READY has no record; its newest manifest still says
     * which repository it builds, so {@code --slug} can redeploy it.
     */
    private static Optional<ProjectRecord> fromLatestManifest(Backend backend, Slug slug) {
        return backend.bucket()
                .latestManifest(slug)
                .filter(m -> m.repoUrl() != null)
                .map(
                        m ->
                                new ProjectRecord(
                                        slug.value(),
                                        m.repoUrl(),
                                        ProjectSettings.defaults(),
                                        null,
                                        null));
    }

    /** The saved settings, with every setting the request gives replacing the saved one. */
    static ProjectSettings merge(ProjectSettings saved, ProjectSettings given) {
        return new ProjectSettings(
                pick(given.ref(), saved.ref()),
                pick(given.rootDirectory(), saved.rootDirectory()),
                pick(given.installCommand(), saved.installCommand()),
                pick(given.buildCommand(), saved.buildCommand()),
                pick(given.outputDirectory(), saved.outputDirectory()),
                given.spa() != SpaMode.AUTO ? given.spa() : saved.spa(),
                saved.env(),
                saved.secretEnv());
    }

    private static String pick(String given, String saved) {
        return given != null && !given.isBlank() ? given : saved;
    }

    private static Slug slug(String raw) {
        try {
            return Slug.of(raw.trim());
        } catch (InvalidSlugException e) {
            throw SlipwayException.badInput(e.getMessage());
        }
    }

    @Override
    public void cancel(DeploymentId id) {
        Backend backend = backends.get();
        if (backend.launcher().cancel(id)) {
            return;
        }
        LogStreams streams = backend.streams();
        if (streams.exists(id)) {
            Optional<LogEvent> terminal = streams.terminal(id);
            if (terminal.isPresent()) {
                throw SlipwayException.badInput(
                        "Deployment "
                                + id
                                + " has already ended "
                                + terminal.get().status()
                                + "; there is nothing to cancel.");
            }
            // Its process or task is gone without ending the stream: end it (once, however many
            // cancels race), so no reader waits forever; the reconciler writes its manifest and
            // archive.
            streams.appendTerminalIfNone(
                    id,
                    LogEvent.canceled(
                            LogProtocol.LAUNCHER_SEQ,
                            Instant.now(),
                            "Canceled by the user; the build was no longer running."));
            backend.reconciler().reconcile(id);
            return;
        }
        throw SlipwayException.badInput(
                "No running deployment "
                        + id
                        + " was found; check the id with 'slipway list <project>'.");
    }
}
