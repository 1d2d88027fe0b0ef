package dev.slipway.builder.pipeline;

import dev.slipway.builder.build.BuildStep;
import dev.slipway.builder.cache.DependencyCache;
import dev.slipway.builder.checkout.CheckedOut;
import dev.slipway.builder.checkout.CheckoutStep;
import dev.slipway.builder.config.BuildConfig;
import dev.slipway.builder.context.BuildContext;
import dev.slipway.builder.detect.BasePath;
import dev.slipway.builder.detect.BuildPlan;
import dev.slipway.builder.detect.DetectStep;
import dev.slipway.builder.install.InstallStep;
import dev.slipway.builder.install.ManagerShims;
import dev.slipway.builder.logstream.BuildLog;
import dev.slipway.builder.outcome.Failure;
import dev.slipway.builder.outcome.StopSignal;
import dev.slipway.builder.outcome.Stopped;
import dev.slipway.builder.output.HomePageCheck;
import dev.slipway.builder.process.BuildEnvironment;
import dev.slipway.builder.project.ProjectStore;
import dev.slipway.builder.publish.Ownership;
import dev.slipway.builder.publish.PublishStep;
import dev.slipway.builder.routes.RoutesStep;
import dev.slipway.builder.routes.SlipwayJson;
import dev.slipway.builder.source.SourceStep;
import dev.slipway.builder.storage.StorageException;
import dev.slipway.builder.toolchain.NodeStep;
import dev.slipway.builder.upload.UploadResult;
import dev.slipway.builder.upload.UploadStep;
import dev.slipway.core.build.ExitStatus;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.deployment.FileEntry;
import dev.slipway.core.deployment.Manifest;
import dev.slipway.core.log.Phase;
import dev.slipway.core.project.ProjectRecord;
import dev.slipway.core.routes.Routes;
import dev.slipway.core.text.Counts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One build, step by step: check the project, clone, detect, install (with the dependency cache),
 * build, upload, publish. Every ending, good or bad, writes the deployment's manifest; the caller
 * then ends the log and archives it. Failures are translated to an outcome here, once.
 */
public final class BuildPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(BuildPipeline.class);

    private final BuildContext context;
    private final BuildConfig config;
    private final BuildLog log;
    private final StopSignal stop;
    private final ProjectStore store;

    private @Nullable CheckedOut checkout;
    private @Nullable BuildPlan plan;
    private @Nullable Routes routes;
    private @Nullable String basePath;

    /**
     * @param context what every step shares, and what each takes from it
     */
    public BuildPipeline(BuildContext context) {
        this.context = context;
        this.config = context.config();
        this.log = context.log();
        this.stop = context.stop();
        this.store = context.store();
    }

    /** Runs the build; never throws. */
    public BuildOutcome run() {
        Instant createdAt = config.deploymentId().createdAt();
        BuildOutcome outcome;
        try {
            outcome = build(createdAt);
        } catch (Failure f) {
            if (f.getCause() != null) {
                LOG.debug("Build failed", f);
            }
            outcome = BuildOutcome.failed(f.kind(), log.maskNullable(f.getMessage()));
        } catch (Stopped s) {
            outcome = BuildOutcome.canceled(s.reason().exit(), s.getMessage());
        } catch (StorageException e) {
            LOG.error("Storage failed", e);
            outcome =
                    BuildOutcome.failed(
                            ExitStatus.INFRASTRUCTURE,
                            log.maskNullable(e.getMessage())
                                    + " Check the bucket, the credentials and the network, then deploy again.");
        } catch (UncheckedIOException e) {
            LOG.error("Local I/O failed", e);
            outcome =
                    BuildOutcome.failed(
                            ExitStatus.INFRASTRUCTURE,
                            "The builder could not use its working folder: "
                                    + log.mask(String.valueOf(e.getMessage()))
                                    + ".");
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure", e);
            outcome =
                    BuildOutcome.failed(
                            ExitStatus.INFRASTRUCTURE,
                            "Slipway's builder failed unexpectedly ("
                                    + log.mask(e.toString())
                                    + "); the log archive has the details.");
        }
        if (outcome.status() != DeploymentStatus.READY) {
            writeUnsuccessfulManifest(outcome, createdAt);
        }
        return outcome;
    }

    private BuildOutcome build(Instant createdAt) {
        Optional<ProjectRecord> record = store.record(config.project());
        Ownership.check(record, repoUrl(), config.force());
        List<FileEntry> liveFiles = liveFiles(record);

        log.status(DeploymentStatus.CLONING);
        Path source = context.sourceDirectory();
        checkout =
                config.options().hasWorkingTree()
                        ? new SourceStep(context).call()
                        : new CheckoutStep(context).call();
        stop.checkpoint();

        // Build settings: the deploy's > slipway.json's (routes/) > detection.
        SlipwayJson slipwayJson = SlipwayJson.read(source, config.rootDirectory(), log);
        SlipwayJson.Settings settings = slipwayJson.settings(config, log);
        plan = new DetectStep(context, settings).call();
        // The Node version asked for (toolchain/): the machine's, or provisioned and first on PATH.
        String toolPath = context.toolPath();
        String path =
                plan.isStatic() ? toolPath : new NodeStep(context, plan).call().path(toolPath);
        Path home = context.homeDirectory();
        createDirectories(home);
        BuildEnvironment environment =
                new BuildEnvironment(path, home, config.buildEnvWithSecrets())
                        .withNetworkOf(System.getenv());
        Optional<Path> shims =
                ManagerShims.write(plan.managerChoice(), home.resolve(".slipway").resolve("bin"));
        if (shims.isPresent()) {
            environment =
                    environment.withTools(
                            shims.get(),
                            ManagerShims.corepackEnvironment(
                                    home.resolve(".cache").resolve("corepack")));
        }

        log.status(DeploymentStatus.INSTALLING);
        DependencyCache cache = new DependencyCache(context, plan, environment);
        cache.restore();
        context.buildUser().takeOwnership(source);
        context.buildUser().takeOwnership(home);
        new InstallStep(context, plan, environment).call();
        cache.save();
        stop.checkpoint();

        log.status(DeploymentStatus.BUILDING);
        String output = new BuildStep(context, plan, environment).call();
        stop.checkpoint();

        log.status(DeploymentStatus.UPLOADING);
        Path outputDir =
                output.isEmpty() ? plan.appDirectory() : plan.appDirectory().resolve(output);
        String shown =
                output.isEmpty()
                        ? (settings.rootDirectory() == null
                                ? "the repository root"
                                : settings.rootDirectory() + "/")
                        : output + "/";
        new HomePageCheck(context, plan, outputDir, shown).call();
        basePath =
                BasePath.detect(
                                plan.appDirectory(),
                                plan.framework(),
                                outputDir,
                                note -> log.info(Phase.BUILD, note))
                        .map(
                                b -> {
                                    log.info(
                                            Phase.BUILD,
                                            "Base path " + b.path() + " (" + b.reason() + ")");
                                    return b.path();
                                })
                        .orElse(null);
        // Routing rules (routes/): the output's _redirects and _headers, then slipway.json's.
        routes =
                new RoutesStep(
                                context,
                                slipwayJson,
                                outputDir,
                                output.isEmpty() ? "" : output + "/")
                        .call();
        Set<String> skipped =
                output.isEmpty() && settings.rootDirectory() == null ? Set.of(".git") : Set.of();
        if (output.isEmpty() && !plan.isStatic()) {
            skipped = Set.of(".git", "node_modules");
        }
        UploadResult uploaded =
                new UploadStep(context, outputDir, shown, skipped, liveFiles).call();
        log.info(
                Phase.UPLOAD,
                "Uploaded "
                        + Counts.of(uploaded.uploadedBlobs(), "new blob")
                        + ", reused "
                        + uploaded.reusedBlobs());
        stop.checkpoint();

        boolean spa = settings.spa().resolve(uploaded.files().keySet());
        log.info(
                Phase.PUBLISH,
                spa
                        ? "Served as a single-page app: unknown paths get index.html"
                        : "Served as a static site: unknown paths get 404");
        Manifest manifest =
                manifest(DeploymentStatus.READY, createdAt, spa, null, uploaded.files());
        new PublishStep(context, manifest).call();
        return BuildOutcome.ready();
    }

    /** The live deployment's files: their blobs exist, with the variants the manifest lists. */
    private List<FileEntry> liveFiles(Optional<ProjectRecord> record) {
        return record.flatMap(ProjectRecord::live)
                .flatMap(id -> store.manifest(config.project(), id))
                .map(m -> List.copyOf(m.files().values()))
                .orElse(List.of());
    }

    private void writeUnsuccessfulManifest(BuildOutcome outcome, Instant createdAt) {
        try {
            store.writeManifest(
                    manifest(outcome.status(), createdAt, null, outcome.error(), Map.of()));
        } catch (RuntimeException e) {
            LOG.error("Cannot write the manifest of the {} deployment", outcome.status(), e);
            log.warn(
                    Phase.PUBLISH,
                    "Could not write this deployment's manifest: "
                            + log.maskNullable(e.getMessage()));
        }
    }

    private Manifest manifest(
            DeploymentStatus status,
            Instant createdAt,
            @Nullable Boolean spa,
            @Nullable String error,
            Map<String, FileEntry> files) {
        return new Manifest(
                config.project().value(),
                config.deploymentId().value(),
                status,
                repoUrl(),
                checkout != null ? checkout.ref() : config.ref(),
                checkout != null ? checkout.commit() : null,
                checkout != null ? checkout.commitMessage() : null,
                createdAt,
                context.clock().instant(),
                plan != null ? plan.framework() : null,
                spa,
                error,
                files,
                config.options().preview() ? Boolean.TRUE : null,
                status == DeploymentStatus.READY ? basePath : null,
                status == DeploymentStatus.READY && routes != null && !routes.isEmpty()
                        ? routes
                        : null);
    }

    private String repoUrl() {
        return context.repositoryUrl();
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
