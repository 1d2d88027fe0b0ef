package dev.slipway.desktop.cli;

import dev.slipway.core.config.ConfigException;
import dev.slipway.core.config.SlipwayConfig;
import dev.slipway.desktop.doctor.CheckResult;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code slipway doctor}: one line per check; exit 1 if any fails. */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description =
                "Checks the config and every service it names, one line per check; exits 1 if any fails. With --debug, the causes behind each failed line.")
final class DoctorCommand implements Callable<Integer> {

    private final CliContext context;

    DoctorCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintStream out = context.terminal().out();
        SlipwayConfig config;
        try {
            config = context.services().config().load();
        } catch (ConfigException e) {
            List<CheckResult> broken = List.of(new CheckResult("config", false, e.getMessage()));
            if (context.json()) {
                out.println(json(broken));
            } else {
                print(out, broken.get(0));
            }
            return 1;
        }
        List<CheckResult> results = context.services().doctor().run(config);
        if (context.json()) {
            out.println(json(results));
        } else {
            boolean debug = debugRequested();
            for (CheckResult r : results) {
                print(out, r);
                if (debug && r.debug() != null) {
                    r.debug().lines().forEach(line -> out.println("       " + line));
                }
            }
        }
        return results.stream().allMatch(CheckResult::ok) ? 0 : 1;
    }

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    /** Whether {@code --debug} was given, before or after {@code doctor}. */
    private boolean debugRequested() {
        if (spec == null) {
            return false;
        }
        for (picocli.CommandLine.ParseResult p = spec.root().commandLine().getParseResult();
                p != null;
                p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    private static String json(List<CheckResult> results) {
        com.google.gson.JsonArray array = new com.google.gson.JsonArray();
        for (CheckResult r : results) {
            com.google.gson.JsonObject o = new com.google.gson.JsonObject();
            o.addProperty("check", r.name());
            o.addProperty("ok", r.ok());
            o.addProperty("detail", r.detail());
            if (r.debug() != null) {
                o.addProperty("debug", r.debug());
            }
            array.add(o);
        }
        return array.toString();
    }

    private void print(PrintStream out, CheckResult r) {
        if (context.terminal().color()) {
            out.println(
                    (r.ok() ? "\u001B[32m✓\u001B[0m " : "\u001B[31m✗\u001B[0m ")
                            + r.name()
                            + ": "
                            + r.detail());
        } else {
            out.println((r.ok() ? "ok   " : "FAIL ") + r.name() + ": " + r.detail());
        }
    }
}
