package dev.slipway.desktop.cli;

import dev.slipway.core.build.ExitStatus;
import dev.slipway.core.config.ConfigException;
import dev.slipway.core.config.DidYouMean;
import dev.slipway.core.project.InvalidSlugException;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.desktop.aws.AwsCommand;
import dev.slipway.desktop.logging.AppLog;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;

/**
 * The {@code slipway} command line: builds the picocli tree and maps every failure to its exit code
 * in one place (0 READY or done, 1 FAILED or CANCELED, 2 bad usage or input, 3 infrastructure).
 * Errors are one or two sentences; the stack trace only with {@code --debug}, which also shows
 * Slipway's debug log on standard error (it always goes to the log file, see {@link AppLog}).
 */
public final class Cli {

    private Cli() {}

    /**
     * The names of {@code slipway}'s subcommands, in the order the usage lists them; a new command
     * or command group is registered by adding its name here and in {@link #subcommand}.
     */
    static final List<String> NAMES =
            List.of(
                    "deploy",
                    "logs",
                    "list",
                    "rollback",
                    "cancel",
                    "remove",
                    "up",
                    "down",
                    "doctor",
                    "promote",
                    "env",
                    "domains",
                    "link",
                    "unlink",
                    "completion",
                    "help",
                    "aws");

    /** The root's options that take no value and may come before the subcommand's name. */
    private static final Set<String> ROOT_FLAGS =
            Set.of("--debug", "--json", "--no-color", "-v", "--verbose");

    /** The subcommand called {@code name} (one of {@link #NAMES}), or null. */
    static Object subcommand(String name, CliContext context) {
        return switch (name) {
            case "deploy" -> new DeployCommand(context);
            case "logs" -> new LogsCommand(context);
            case "list" -> new ListCommand(context);
            case "rollback" -> new RollbackCommand(context);
            case "cancel" -> new CancelCommand(context);
            case "remove" -> new RemoveCommand(context);
            case "up" -> new UpCommand(context);
            case "down" -> new DownCommand(context);
            case "doctor" -> new DoctorCommand(context);
            case "promote" -> new PromoteCommand(context);
            case "env" -> EnvCommand.of(context);
            case "domains" -> DomainsCommand.of(context);
            case "link" -> new LinkCommand(context);
            case "unlink" -> new UnlinkCommand(context);
            case "completion" -> new CompletionCommand();
            case "help" -> new CommandLine.HelpCommand();
            case "aws" -> AwsCommand.of(context.home(), context.env());
            default -> null;
        };
    }

    /** Every subcommand, in the order of {@link #NAMES}. */
    static List<Object> subcommands(CliContext context) {
        return NAMES.stream().map(name -> subcommand(name, context)).toList();
    }

    /**
     * The one subcommand {@code args} run, when only it is needed: its name comes first, after root
     * flags only, and it is neither {@code help} nor {@code completion} (which read the whole
     * tree). Null otherwise: {@code --help}, {@code --version}, a mistyped name (whose "did you
     * mean" needs every name) or no name at all.
     */
    static String onlyNeeded(String[] args) {
        for (String arg : args) {
            if (ROOT_FLAGS.contains(arg)) {
                continue;
            }
            boolean alone = NAMES.contains(arg) && !arg.equals("help") && !arg.equals("completion");
            return alone ? arg : null;
        }
        return null;
    }

    /** The whole command tree, ready to execute. */
    public static CommandLine commandLine(CliContext context) {
        return commandLine(context, null);
    }

    /**
     * The command tree for the arguments {@code typed}: only the subcommand they run when that is
     * enough (see {@link #onlyNeeded}), since picocli builds each command's model by reflection,
     * which was about a third of the start of {@code slipway list} (docs/benchmarks/cli.md).
     */
    static CommandLine commandLine(CliContext context, String[] typed) {
        SlipwayCommand root = new SlipwayCommand(context);
        CommandLine cli = new CommandLine(root);
        String only = typed == null ? null : onlyNeeded(typed);
        context.redisAhead("deploy".equals(only) || "logs".equals(only));
        if (only != null) {
            cli.addSubcommand(subcommand(only, context));
        } else {
            for (Object sub : subcommands(context)) {
                cli.addSubcommand(sub);
            }
        }
        Terminal terminal = context.terminal();
        cli.setOut(new PrintWriter(terminal.out(), true));
        cli.setErr(new PrintWriter(terminal.err(), true));
        cli.setColorScheme(
                CommandLine.Help.defaultColorScheme(
                        terminal.color() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
        cli.setExecutionStrategy(
                parseResult -> {
                    if (debugRequested(parseResult)) {
                        AppLog.debugTo(terminal.err());
                    }
                    return new CommandLine.RunLast().execute(parseResult);
                });
        cli.setExecutionExceptionHandler(
                (e, commandLine, parseResult) -> {
                    report(e, commandLine, debugRequested(parseResult), context.verbose());
                    return exitCode(e);
                });
        cli.setParameterExceptionHandler(
                (e, args) -> {
                    CommandLine failed = e.getCommandLine();
                    PrintWriter err = failed.getErr();
                    err.println("error: " + usageProblem(e));
                    err.println(
                            "Run '"
                                    + failed.getCommandSpec().qualifiedName()
                                    + " --help' for its usage.");
                    return ExitStatus.BAD_INPUT.exitCode();
                });
        return cli;
    }

    /**
     * The sentence for a command line picocli could not parse, chosen by the exception's type and
     * the option it is about: an unknown command or option gets "did you mean", a map option such
     * as {@code --env} without {@code =} gets an example.
     */
    static String usageProblem(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            List<String> typed = unmatched.getUnmatched();
            String first = typed.isEmpty() ? "" : typed.get(0);
            List<String> suggestions = closest(first, unmatched.getSuggestions());
            String hint =
                    suggestions.isEmpty()
                            ? ""
                            : "; did you mean '"
                                    + String.join(
                                            "' or '",
                                            suggestions.subList(0, Math.min(3, suggestions.size())))
                                    + "'?";
            if (first.startsWith("-")) {
                return "'"
                        + first
                        + "' is not an option of '"
                        + e.getCommandLine().getCommandSpec().qualifiedName()
                        + "'"
                        + (hint.isEmpty() ? "." : hint);
            }
            boolean takesCommands = !e.getCommandLine().getSubcommands().isEmpty();
            if (takesCommands) {
                return "'" + first + "' is not a slipway command" + (hint.isEmpty() ? "." : hint);
            }
            return "'" + first + "' is one argument too many" + (hint.isEmpty() ? "." : hint);
        }
        if (e.getArgSpec() instanceof CommandLine.Model.OptionSpec option
                && java.util.Map.class.isAssignableFrom(option.type())
                && e.getValue() != null
                && !e.getValue().contains("=")) {
            return option.longestName()
                    + " takes NAME=VALUE, such as "
                    + option.longestName()
                    + " API_URL=https://api.example.com; '"
                    + e.getValue()
                    + "' has no '='.";
        }
        return e.getMessage();
    }

    /** Picocli's suggestions that are a plausible typo of {@code typed}, nearest first. */
    static List<String> closest(String typed, List<String> suggestions) {
        return DidYouMean.closest(typed, suggestions);
    }

    /** Whether {@code --debug} was given, before or after the subcommand. */
    private static boolean debugRequested(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    /** Runs the command line and returns the exit code. */
    public static int run(String[] args, CliContext context) {
        try {
            return commandLine(context, args).execute(args);
        } finally {
            context.close();
            AppLog.endDebug();
        }
    }

    /** The exit code of a failure: the one place where errors become numbers. */
    static int exitCode(Throwable e) {
        if (e instanceof SlipwayException s) {
            return s.kind().exitCode();
        }
        if (e instanceof ConfigException
                || e instanceof InvalidSlugException
                || e instanceof IllegalArgumentException) {
            return ExitStatus.BAD_INPUT.exitCode();
        }
        return ExitStatus.INFRASTRUCTURE.exitCode();
    }

    private static void report(
            Throwable e, CommandLine commandLine, boolean debug, boolean verbose) {
        PrintWriter err = commandLine.getErr();
        if (e instanceof SlipwayException
                || e instanceof ConfigException
                || e instanceof IllegalArgumentException) {
            err.println("error: " + e.getMessage());
        } else {
            err.println(
                    "error: an unexpected "
                            + e.getClass().getSimpleName()
                            + " ("
                            + e.getMessage()
                            + "); rerun with --debug and report it.");
        }
        if (debug) {
            e.printStackTrace(err);
        } else if (verbose) {
            for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
                err.println("  caused by " + c.getClass().getSimpleName() + ": " + c.getMessage());
            }
        }
        err.flush();
    }
}
