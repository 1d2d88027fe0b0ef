package dev.slipway.desktop.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code slipway}: the top of the command tree; its subcommands are listed in {@link Cli}. The
 * options here are inherited by every subcommand and may be given before or after it.
 */
@Command(
        name = "slipway",
        mixinStandardHelpOptions = true,
        version = "slipway 0.1.0",
        description =
                "Deploy static sites from Git repositories or folders: on this machine (local mode) or on AWS (ECS + S3).",
        footer = {
            "",
            "Exit codes: 0 done (READY), 1 the deployment FAILED or was CANCELED, 2 bad usage or input, 3 a service is unreachable.",
            "NO_COLOR (any value) turns colours off, as --no-color does."
        },
        synopsisSubcommandLabel = "<command>")
public final class SlipwayCommand implements Runnable {

    private final CliContext context;

    SlipwayCommand(CliContext context) {
        this.context = context;
    }

    @Option(
            names = "--debug",
            scope = ScopeType.INHERIT,
            description = "Print stack traces of errors, and the debug log on standard error.")
    boolean debug;

    @Option(
            names = "--json",
            scope = ScopeType.INHERIT,
            description = "Print JSON a script can parse (one event per line for logs).")
    void json(boolean value) {
        context.json(value);
    }

    @Option(
            names = "--no-color",
            scope = ScopeType.INHERIT,
            description = "No colours or other terminal escapes.")
    void noColor(boolean value) {
        if (value) {
            context.terminal().disableColor();
        }
    }

    @Option(
            names = {"-v", "--verbose"},
            scope = ScopeType.INHERIT,
            description = "Print more detail (timestamps of log lines, the cause of errors).")
    void verbose(boolean value) {
        context.verbose(value);
    }

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
