package dev.slipway.desktop.deploy;

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
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
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

    public DefaultDeployService(
            Supplier<Backend> backends, Map<String, String> env, Path workingDir) {
        this.backends = backends;
        this.env = env;
        this.workingDir = workingDir;
    }

    @Override
    public DeploymentHandle deploy(DeployRequest request) {
        Backend backend = backends.get();
        Target target = resolve(backend, request);
        DeploymentId id = DeploymentId.newId();
        // Nothing is written here: the builder writes the record (repository, settings, live
        // pointer) only when the build is READY, so a failed or never-launched deploy changes
        // nothing and claims no project name.
        String siteUrl = backend.siteUrl(target.slug());
        String token = env.getOrDefault("GIT_TOKEN", env.get("SLIPWAY_GIT_TOKEN"));
        LaunchSpec spec =
                new LaunchSpec(
                        target.slug(),
                        id,
                        target.repoUrl(),
                        target.settings(),
                        request.env(),
                        siteUrl,
                        backend.config().mode() == dev.slipway.core.config.Mode.LOCAL
                                ? token
                                : null,
                        request.force());
        backend.launcher().launch(spec);
        return new DeploymentHandle(target.slug(), id, siteUrl);
    }

    private record Target(
            Slug slug,
            String repoUrl,
            ProjectSettings settings,
            Optional<ProjectRecord> existing) {}

    private Target resolve(Backend backend, DeployRequest request) {
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

    /**
     * Refuses a repository URL that carries credentials, before anything is written or launched
     * (contract section 4); the message shows the URL without them.
     */
    static void refuseCredentials(String repoUrl) {
        if (RepositoryCredentials.present(repoUrl)) {
            throw SlipwayException.badInput(
                    "The repository URL "
                            + RepositoryCredentials.withoutCredentials(repoUrl)
                            + " carries credentials, which Slipway never stores: remove them from the URL and give a token for a private repository in the GIT_TOKEN environment variable.");
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
                given.spa() != SpaMode.AUTO ? given.spa() : saved.spa());
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
            Optional<LogEvent> terminal =
                    streams.all(id).stream()
                            .map(LogStreams.Entry::event)
                            .filter(LogEvent::isTerminal)
                            .findFirst();
            if (terminal.isPresent()) {
                throw SlipwayException.badInput(
                        "Deployment "
                                + id
                                + " has already ended "
                                + terminal.get().status()
                                + "; there is nothing to cancel.");
            }
            // Its process or task is gone without ending the stream: end it, so no reader waits
            // forever.
            streams.append(
                    id,
                    LogEvent.canceled(
                            LogProtocol.LAUNCHER_SEQ,
                            Instant.now(),
                            "Canceled by the user; the build was no longer running."));
            return;
        }
        throw SlipwayException.badInput(
                "No running deployment "
                        + id
                        + " was found; check the id with 'slipway list <project>'.");
    }
}
