package dev.slipway.desktop.cli;

import com.google.gson.JsonArray;
import dev.slipway.core.domain.DomainRecord;
import dev.slipway.core.project.Slug;
import dev.slipway.desktop.SlipwayException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code slipway domains ls|add|rm}: a project's custom domains (see docs/domains.md). */
@Command(
        name = "domains",
        mixinStandardHelpOptions = true,
        description = {
            "A project's custom domains: the proxy serves its live deployment on each.",
            "Point the host's DNS at the proxy first (docs/domains.md)."
        },
        synopsisSubcommandLabel = "ls|add|rm")
final class DomainsCommand implements Runnable {

    @picocli.CommandLine.Spec CommandLine.Model.CommandSpec spec;

    static CommandLine of(CliContext context) {
        CommandLine group = new CommandLine(new DomainsCommand());
        group.addSubcommand(new Ls(context));
        group.addSubcommand(new Add(context));
        group.addSubcommand(new Rm(context));
        return group;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

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
            List<DomainRecord> domains = context.services().domains().list(slug);
            PrintStream out = context.terminal().out();
            if (context.json()) {
                JsonArray array = new JsonArray();
                domains.forEach(
                        d -> array.add(Json.object("host", d.host(), "project", d.project())));
                out.println(array);
            } else if (domains.isEmpty()) {
                out.println(
                        "Project "
                                + slug
                                + " has no custom domain; add one with: slipway domains add "
                                + slug
                                + " www.example.com");
            } else {
                domains.forEach(d -> out.println(d.host()));
            }
            return 0;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Adds a domain.")
    static final class Add implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "<project>")
        String project;

        @Parameters(index = "1", paramLabel = "<host>", description = "Such as www.example.com.")
        String host;

        Add(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Slug slug = Arguments.project(project);
            DomainRecord d = context.services().domains().add(slug, host);
            if (context.json()) {
                context.terminal()
                        .out()
                        .println(Json.object("host", d.host(), "project", d.project()));
            } else {
                context.terminal()
                        .out()
                        .println(
                                d.host()
                                        + " now serves "
                                        + slug
                                        + " once its DNS points at the proxy (docs/domains.md).");
            }
            return 0;
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Removes a domain.")
    static final class Rm implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "<project>")
        String project;

        @Parameters(index = "1", paramLabel = "<host>")
        String host;

        Rm(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Slug slug = Arguments.project(project);
            if (!context.services().domains().remove(slug, host)) {
                throw SlipwayException.badInput(
                        host
                                + " is not a domain of "
                                + slug
                                + "; 'slipway domains ls "
                                + slug
                                + "' lists them.");
            }
            if (context.json()) {
                context.terminal()
                        .out()
                        .println(Json.object("project", slug.value(), "removed", host));
            } else {
                context.terminal().out().println("Removed " + host + " from " + slug + ".");
            }
            return 0;
        }
    }
}
