package dev.slipway.builder.context;

import dev.slipway.builder.config.BuildConfig;
import dev.slipway.builder.config.Limits;
import dev.slipway.builder.config.RepositoryUrls;
import dev.slipway.builder.config.ToolchainSettings;
import dev.slipway.builder.logstream.BuildLog;
import dev.slipway.builder.outcome.StopSignal;
import dev.slipway.builder.process.BuildUser;
import dev.slipway.builder.process.CommandRunner;
import dev.slipway.builder.project.ProjectNotifier;
import dev.slipway.builder.project.ProjectStore;
import dev.slipway.builder.storage.Bucket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * What every step of one build shares: its checked configuration, its working folder, its log, its
 * stop signal and clock, how its commands run (as which user, with which {@code PATH}, how long a
 * killed command may take to exit, where Node versions are kept) and what it writes to (the bucket,
 * the project's records, the notice that a project changed, the upload's threads and limits). The
 * composition root ({@code BuilderApp}) makes it; a step takes it in its constructor, with the
 * results of the steps before it.
 *
 * @param toolPath the {@code PATH} the build's commands get
 */
public record BuildContext(
        BuildConfig config,
        Path workDirectory,
        BuildLog log,
        StopSignal stop,
        Clock clock,
        BuildUser buildUser,
        String toolPath,
        Duration killGrace,
        ToolchainSettings toolchains,
        Bucket bucket,
        ProjectStore store,
        ProjectNotifier notifier,
        Uploads uploads) {

    /**
     * The upload's threads ({@code parallelism} of them, owned by the caller) and its limits.
     *
     * @param pool runs the upload's requests
     */
    public record Uploads(ExecutorService pool, int parallelism, Limits limits) {}

    /** Where the source is checked out or unpacked. */
    public Path sourceDirectory() {
        return workDirectory.resolve("source");
    }

    /** The build's {@code HOME}: the package managers' caches and the shims. */
    public Path homeDirectory() {
        return workDirectory.resolve("home");
    }

    /** Runs the build's commands as the build user, logging their output, until stopped. */
    public CommandRunner commandRunner() {
        return new CommandRunner(buildUser, log, stop, killGrace);
    }

    /** The repository's URL without credentials, as the manifest and the project record keep it. */
    public String repositoryUrl() {
        return RepositoryUrls.withoutCredentials(config.repositoryUrl());
    }
}
