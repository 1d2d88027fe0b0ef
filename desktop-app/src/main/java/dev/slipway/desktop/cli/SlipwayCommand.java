package dev.slipway.desktop.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code slipway}: the top of the command tree; its subcommands are listed in {@link Cli}. */
@Command(
        name = "slipway",
        mixinStandardHelpOptions = true,
        version = "slipway 0.1.0",
        description =
                "Deploy static sites from Git repositories: on this machine (local mode) or on AWS (ECS + S3).",
        footer = {
            "",
            "Exit codes: 0 done (READY), 1 the deployment FAILED or was CANCELED, 2 bad usage or input, 3 a service is unreachable."
        },
        synopsisSubcommandLabel = "<command>")
public final class SlipwayCommand implements Runnable {

    @Option(
            names = "--debug",
            scope = ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean debug;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
