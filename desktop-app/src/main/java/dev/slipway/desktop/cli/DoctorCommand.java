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
                "Checks the config and every service it names, one line per check; exits 1 if any fails.")
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
            print(out, new CheckResult("config", false, e.getMessage()));
            return 1;
        }
        List<CheckResult> results = context.services().doctor().run(config);
        results.forEach(r -> print(out, r));
        return results.stream().allMatch(CheckResult::ok) ? 0 : 1;
    }

    private void print(PrintStream out, CheckResult r) {
        if (context.terminal().interactive()) {
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
