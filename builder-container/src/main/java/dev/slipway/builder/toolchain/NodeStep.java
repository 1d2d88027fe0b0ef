package dev.slipway.builder.toolchain;

import dev.slipway.builder.config.Platform;
import dev.slipway.builder.config.ToolchainSettings;
import dev.slipway.builder.context.BuildContext;
import dev.slipway.builder.detect.BuildPlan;
import dev.slipway.builder.detect.ManagerChoice;
import dev.slipway.builder.logstream.BuildLog;
import dev.slipway.builder.outcome.Failure;
import dev.slipway.builder.outcome.StopSignal;
import dev.slipway.core.log.Phase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the Node that install and build run with: the version asked for ({@link
 * NodeRequestReader}), from the machine when its {@code node} satisfies it, else the newest release
 * that does, from the toolchain cache or downloaded into it from the npm registry. With nothing
 * asked, the machine's Node (docs/decisions/0007-node-version-default.md); the current LTS only
 * when the machine has none, or when its Node is below the package manager's own minimum (pnpm 11
 * needs 22.13). Logs one line: {@code Node 22.23.5 (from .nvmrc '22')}.
 */
public final class NodeStep {

    private final ToolchainSettings settings;
    private final Map<String, String> buildEnv;
    private final Path checkout;
    private final Path appDirectory;
    private final String machinePath;
    private final BuildLog log;
    private final StopSignal stop;
    private final Clock clock;
    private final Optional<NodeRequest> managerMinimum;

    /** Finds or provisions the Node version the plan's app asks for. */
    public NodeStep(BuildContext context, BuildPlan plan) {
        this(
                context.toolchains(),
                context.config().buildEnvWithSecrets(),
                context.sourceDirectory(),
                plan.appDirectory(),
                context.toolPath(),
                context.log(),
                context.stop(),
                context.clock(),
                managerMinimum(plan.managerChoice()));
    }

    /** The package manager's own Node minimum, named for the log: {@code pnpm 11.21.0}. */
    private static Optional<NodeRequest> managerMinimum(@Nullable ManagerChoice choice) {
        return Optional.ofNullable(choice)
                .flatMap(
                        c ->
                                c.nodeMinimum()
                                        .map(
                                                m ->
                                                        new NodeRequest(
                                                                m,
                                                                c.manager().command()
                                                                        + " "
                                                                        + c.version(),
                                                                null)));
    }

    /**
     * @param machinePath the builder's own {@code PATH}, where the machine's {@code node} is
     * @param managerMinimum the lowest Node the package manager runs on ({@code >=22.13} from
     *     {@code pnpm 11.21.0}), used only when no version is asked
     */
    NodeStep(
            ToolchainSettings settings,
            Map<String, String> buildEnv,
            Path checkout,
            Path appDirectory,
            String machinePath,
            BuildLog log,
            StopSignal stop,
            Clock clock,
            Optional<NodeRequest> managerMinimum) {
        this.settings = settings;
        this.buildEnv = buildEnv;
        this.checkout = checkout;
        this.appDirectory = appDirectory;
        this.machinePath = machinePath;
        this.log = log;
        this.stop = stop;
        this.clock = clock;
        this.managerMinimum = managerMinimum;
    }

    public NodeToolchain call() {
        Optional<NodeRequest> asked =
                new NodeRequestReader(settings.nodeVersion(), buildEnv, checkout, appDirectory)
                        .read();
        Optional<MachineNode> machine = MachineNode.find(machinePath);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (asked.isEmpty() && machine.isPresent() && managerMinimum.isPresent()) {
            NodeRequest minimum = managerMinimum.get();
            NodeVersion version = machine.get().version();
            if (!minimum.range(today).includes(version)) {
                // The current LTS line, at or above the manager's minimum (which is below it).
                int lts = LtsReleases.newest(today, 0);
                return provision(
                        minimum,
                        VersionRange.parse(lts + " " + minimum.raw()),
                        "the current LTS; no version asked, and "
                                + minimum.source()
                                + " needs Node "
                                + minimum.raw()
                                + ", above the machine's "
                                + version);
            }
        }
        if (asked.isEmpty()) {
            if (machine.isPresent()) {
                log.info(
                        Phase.INSTALL,
                        "Node "
                                + machine.get().version()
                                + " (the machine's Node; no version asked)");
                return NodeToolchain.machine(machine.get().version());
            }
            NodeRequest lts =
                    new NodeRequest("lts/*", "the default, as the machine has no Node", null);
            return provision(
                    lts,
                    lts.range(today),
                    "the current LTS; no version asked and the machine has no Node");
        }
        NodeRequest request = asked.get();
        VersionRange range;
        try {
            range = request.range(today);
        } catch (IllegalArgumentException e) {
            throw Failure.badInput(
                    "The Node version '"
                            + shown(request.raw())
                            + "' (from "
                            + request.source()
                            + ") is not a version or range ("
                            + e.getMessage()
                            + "): write a version such as 22 or 22.3.0, a range such as >=18 <21,"
                            + " or lts/*, "
                            + howToChange(request)
                            + ".");
        }
        if (machine.isPresent() && range.includes(machine.get().version())) {
            log.info(
                    Phase.INSTALL,
                    "Node " + machine.get().version() + " (" + request.describe() + ")");
            log.info(
                    Phase.INSTALL,
                    "The machine's Node ("
                            + machine.get().executable()
                            + ") satisfies it; nothing to download");
            return NodeToolchain.machine(machine.get().version());
        }
        return provision(request, range, request.describe());
    }

    private NodeToolchain provision(NodeRequest request, VersionRange range, String why) {
        if (settings.platform().isEmpty()) {
            throw Failure.infrastructure(
                    "Node "
                            + shown(request.raw())
                            + " ("
                            + request.describe()
                            + ") is not on this machine, and the npm registry has no Node for "
                            + System.getProperty("os.name")
                            + "/"
                            + System.getProperty("os.arch")
                            + ": install it here yourself, or "
                            + howToChange(request)
                            + ".",
                    null);
        }
        Platform platform = settings.platform().get();
        NpmRegistry registry = new NpmRegistry(settings.registry());
        NodeInstaller installer =
                new NodeInstaller(
                        settings.toolchains(),
                        platform,
                        registry,
                        log,
                        () -> stop.isCanceled() || stop.isPastDeadline());
        Map<NodeVersion, NpmRegistry.Release> releases;
        try {
            releases = registry.versions(platform.packageName());
        } catch (NpmRegistry.UnreachableException e) {
            return fromCacheOffline(request, range, why, installer, e);
        }
        Optional<NodeVersion> best = range.highest(releases.keySet());
        if (best.isEmpty()) {
            Optional<NodeVersion> newest =
                    releases.keySet().stream()
                            .filter(NodeVersion::isRelease)
                            .max(NodeVersion::compareTo);
            throw Failure.badInput(
                    "No Node release matches '"
                            + shown(request.raw())
                            + "' (from "
                            + request.source()
                            + ")"
                            + newest.map(n -> "; the newest is " + n).orElse("")
                            + ": "
                            + howToChange(request)
                            + ".");
        }
        NodeVersion version = best.get();
        log.info(Phase.INSTALL, "Node " + version + " (" + why + ")");
        try {
            Path bin = installer.install(version, Objects.requireNonNull(releases.get(version)));
            stop.checkpoint();
            return new NodeToolchain(version, bin);
        } catch (NpmRegistry.UnreachableException e) {
            stop.checkpoint();
            throw Failure.infrastructure(
                    "Node "
                            + version
                            + " could not be downloaded from the npm registry ("
                            + e.getMessage()
                            + "): check the network and deploy again, or "
                            + howToChange(request)
                            + ".",
                    e);
        } catch (NpmRegistry.IntegrityException e) {
            throw Failure.infrastructure(
                    "Node "
                            + version
                            + " was not installed: "
                            + e.getMessage()
                            + ". Deploy again; if it persists, the registry or a proxy is serving other bytes.",
                    e);
        }
    }

    private NodeToolchain fromCacheOffline(
            NodeRequest request,
            VersionRange range,
            String why,
            NodeInstaller installer,
            NpmRegistry.UnreachableException e) {
        Optional<NodeVersion> cached = range.highest(installer.cached());
        if (cached.isPresent()) {
            log.info(Phase.INSTALL, "Node " + cached.get() + " (" + why + ")");
            log.warn(
                    Phase.INSTALL,
                    "The npm registry cannot be reached ("
                            + e.getMessage()
                            + "); using Node "
                            + cached.get()
                            + " from the toolchain cache, which may not be the newest match");
            return new NodeToolchain(cached.get(), installer.bin(cached.get()));
        }
        throw Failure.infrastructure(
                "Node '"
                        + shown(request.raw())
                        + "' (from "
                        + request.source()
                        + ") is not on this machine and the npm registry cannot be reached to"
                        + " download it ("
                        + e.getMessage()
                        + "): check the network and deploy again, or "
                        + howToChange(request)
                        + ".",
                e);
    }

    /** How the person changes the version: the file it came from, or the variable. */
    private static String howToChange(NodeRequest request) {
        String variable = "set --env NODE_VERSION=<version> (such as 22)";
        return request.file() == null
                ? variable.replace("set ", "set another with ")
                : "change " + request.file() + ", or " + variable;
    }

    /** The request as shown in a message: a long value is cut. */
    private static String shown(String raw) {
        return raw.length() <= 60 ? raw : raw.substring(0, 57) + "...";
    }
}
