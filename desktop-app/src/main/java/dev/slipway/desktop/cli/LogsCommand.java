package dev.slipway.desktop.cli;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.log.LogEvent;
import dev.slipway.desktop.SlipwayException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code slipway logs}: a deployment's whole log, then live with {@code --follow}. */
@Command(
        name = "logs",
        mixinStandardHelpOptions = true,
        description =
                "Prints a deployment's log from its start (from Redis, else the archive); with --follow, then live until it ends (exit 0 when READY, 1 when FAILED or CANCELED).")
final class LogsCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(
            index = "0",
            paramLabel = "<deploymentId>",
            description = "The id that deploy printed.")
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
        DeploymentId deployment = Arguments.deploymentId(id);
        Terminal terminal = context.terminal();
        if (follow) {
            LogEvent end;
            try (LogPrinter printer = new LogPrinter(terminal, terminal.out(), true)) {
                end = Following.follow(context.services().logs(), deployment, printer);
            }
            return end.status() == DeploymentStatus.READY
                    ? 0
                    : SlipwayException.Kind.DEPLOYMENT_FAILED.exitCode();
        }
        List<LogEvent> events = context.services().logs().read(deployment);
        try (LogPrinter printer = new LogPrinter(terminal, terminal.out(), false)) {
            events.forEach(printer::print);
        }
        return 0;
    }
}
