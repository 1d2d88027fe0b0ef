package dev.slipway.desktop.cli;

import dev.slipway.core.build.ExitStatus;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.deployment.Manifest;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.project.Slug;
import dev.slipway.desktop.SlipwayException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code slipway logs}: a deployment's whole log, then live with {@code --follow}; given a project,
 * its latest deployment, followed.
 */
@Command(
        name = "logs",
        mixinStandardHelpOptions = true,
        description = {
            "Prints a deployment's log from its start (from Redis, else the archive); with --follow, then live until it ends (exit 0 when READY, 1 when FAILED or CANCELED).",
            "Given a project, follows its latest deployment. With --json, one log event per line."
        })
final class LogsCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(
            index = "0",
            paramLabel = "<deploymentId>|<project>",
            description = "The id that deploy printed, or a project (its latest deployment).")
    String id;

    @Option(
            names = {"-f", "--follow"},
            description = "Keep printing until the deployment ends.")
    boolean follow;

    LogsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        String raw = id == null ? "" : id.trim();
        boolean isId = DeploymentId.isValid(raw.toUpperCase(java.util.Locale.ROOT));
        DeploymentId deployment;
        boolean keepFollowing = follow;
        if (!isId && Slug.isValid(raw)) {
            deployment = latest(Slug.of(raw));
            keepFollowing = true;
        } else {
            deployment = Arguments.deploymentId(id);
        }
        Terminal terminal = context.terminal();
        if (context.json()) {
            if (keepFollowing) {
                LogEvent end =
                        Following.follow(
                                context.services().logs(),
                                deployment,
                                e -> {
                                    terminal.out().println(e.toJson());
                                    terminal.out().flush();
                                });
                return exitFor(end);
            } else {
                context.services()
                        .logs()
                        .read(deployment)
                        .forEach(e -> terminal.out().println(e.toJson()));
            }
            return 0;
        }
        if (keepFollowing) {
            LogEvent end;
            try (LogPrinter printer = new LogPrinter(terminal, terminal.out(), true)) {
                end = Following.follow(context.services().logs(), deployment, printer::print);
            }
            return exitFor(end);
        }
        List<LogEvent> events = context.services().logs().read(deployment);
        try (LogPrinter printer = new LogPrinter(terminal, terminal.out(), false)) {
            events.forEach(printer::print);
        }
        return 0;
    }

    /** The newer of the last deployment started here and the project's newest manifest. */
    private DeploymentId latest(Slug project) {
        Optional<DeploymentId> started = LatestDeployments.read(context.home(), project);
        Optional<DeploymentId> finished =
                context.services().projects().latest(project).map(Manifest::id);
        return Stream.of(started, finished)
                .flatMap(Optional::stream)
                .max((a, b) -> a.isNewerThan(b) ? 1 : (b.isNewerThan(a) ? -1 : 0))
                .orElseThrow(
                        () ->
                                SlipwayException.badInput(
                                        "Project '"
                                                + project
                                                + "' has no deployment yet; start one with: slipway deploy"));
    }

    /** 0 when the followed deployment ended READY, 1 when it FAILED or was CANCELED. */
    private static int exitFor(LogEvent end) {
        return end.status() == DeploymentStatus.READY ? 0 : ExitStatus.FAILED.exitCode();
    }
}
