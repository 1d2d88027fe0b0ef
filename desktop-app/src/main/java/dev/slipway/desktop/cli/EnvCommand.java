package dev.slipway.desktop.cli;

import com.google.gson.JsonArray;
import dev.slipway.core.project.Slug;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.desktop.variables.BuildVariablesService.Variable;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code slipway env ls|add|rm}: a project's saved build variables, used by every later deploy. */
@Command(
        name = "env",
        mixinStandardHelpOptions = true,
        description = {
            "A project's saved build variables, used by every later deploy.",
            "Secret values (--secret) are never shown and never stored in the bucket."
        },
        synopsisSubcommandLabel = "ls|add|rm")
final class EnvCommand implements Runnable {

    @picocli.CommandLine.Spec CommandLine.Model.CommandSpec spec;

    static CommandLine of(CliContext context) {
        CommandLine group = new CommandLine(new EnvCommand());
        group.addSubcommand(new Ls(context));
        group.addSubcommand(new Add(context));
        group.addSubcommand(new Rm(context));
        return group;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final String MASK = "********";

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "Lists them.")
    static final class Ls implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "<project>")
        String project;

        Ls(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Slug slug = Arguments.project(project);
            List<Variable> vars = context.services().variables().list(slug);
            PrintStream out = context.terminal().out();
            if (context.json()) {
                JsonArray array = new JsonArray();
                for (Variable v : vars) {
                    array.add(
                            Json.object(
                                    "name", v.name(),
                                    "value", v.secret() ? null : v.value(),
                                    "secret", v.secret()));
                }
                out.println(array);
                return 0;
            }
            if (vars.isEmpty()) {
                out.println(
                        "Project "
                                + slug
                                + " has no saved variables; add one with: slipway env add "
                                + slug
                                + " NAME=VALUE");
                return 0;
            }
            Table table = new Table("NAME", "VALUE");
            vars.forEach(v -> table.row(v.name(), v.secret() ? MASK + " (secret)" : v.value()));
            table.print(out);
            return 0;
        }
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = "Saves a variable (or replaces it).")
    static final class Add implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "<project>")
        String project;

        @Parameters(
                index = "1",
                paramLabel = "K=V",
                description = "The name and value; with --secret, K alone prompts for the value.")
        String assignment;

        @Option(names = "--secret", description = "Keep the value secret (masked everywhere).")
        boolean secret;

        Add(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Slug slug = Arguments.project(project);
            int eq = assignment.indexOf('=');
            String name = eq < 0 ? assignment : assignment.substring(0, eq);
            String value = eq < 0 ? null : assignment.substring(eq + 1);
            if (value == null && secret) {
                java.io.Console console = System.console();
                if (console == null || !context.terminal().interactive()) {
                    throw SlipwayException.badInput(
                            "Give the secret as "
                                    + name
                                    + "=VALUE, or run this on a terminal to be asked for it.");
                }
                char[] typed = console.readPassword("Value of %s: ", name);
                value = typed == null ? null : new String(typed);
            }
            context.services().variables().add(slug, name, value, secret);
            if (context.json()) {
                context.terminal()
                        .out()
                        .println(
                                Json.object(
                                        "project", slug.value(),
                                        "name", name,
                                        "secret", secret));
            } else {
                context.terminal()
                        .out()
                        .println(
                                "Saved "
                                        + (secret ? "secret " : "")
                                        + name
                                        + " for "
                                        + slug
                                        + "; the next deploy uses it.");
            }
            return 0;
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Removes a variable.")
    static final class Rm implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "<project>")
        String project;

        @Parameters(index = "1", paramLabel = "K")
        String name;

        Rm(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Slug slug = Arguments.project(project);
            if (!context.services().variables().remove(slug, name)) {
                throw SlipwayException.badInput(
                        "Project "
                                + slug
                                + " has no saved variable "
                                + name
                                + "; 'slipway env ls "
                                + slug
                                + "' lists them.");
            }
            if (context.json()) {
                context.terminal()
                        .out()
                        .println(Json.object("project", slug.value(), "removed", name));
            } else {
                context.terminal().out().println("Removed " + name + " from " + slug + ".");
            }
            return 0;
        }
    }
}
