package dev.slipway.desktop;

import dev.slipway.core.config.SlipwayHome;
import dev.slipway.desktop.cli.Cli;
import dev.slipway.desktop.cli.CliContext;
import dev.slipway.desktop.logging.AppLog;
import dev.slipway.desktop.ui.DesktopApp;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of {@code slipway.jar}: the desktop app without arguments, the command line with a
 * subcommand (contract section 7).
 */
public final class SlipwayMain {
    /**
     * JavaFX warns on every start that it was loaded from the class path (the runnable jar) rather
     * than as modules; that is how this jar is meant to run, so the warning is kept from the user.
     * Held in a field: the logging framework keeps loggers only weakly.
     */
    private static final Logger JAVAFX_STARTUP = Logger.getLogger("javafx");

    private SlipwayMain() {}

    public static void main(String[] args) {
        // Lettuce and Netty record JFR events when JFR is present: loading JFR costs each command
        // seconds of start-up on a busy machine and records nothing anyone reads.
        System.setProperty("io.lettuce.core.jfr", "false");
        System.setProperty("io.netty.jfr.enabled", "false");
        if (args.length > 0) {
            // deploy with the local stack running: the stack's warm JVM runs it (decision 0008).
            java.util.OptionalInt ran =
                    dev.slipway.desktop.stackcommands.StackCommandClient.run(
                            java.util.List.of(args), System.getenv(), System.out, System.err);
            if (ran.isPresent()) {
                System.exit(ran.getAsInt());
            }
        }
        if (args.length == 0 && dev.slipway.desktop.ui.DesktopTraining.requested()) {
            // ./slipway's training run of the app's class-data archive, right after its build.
            JAVAFX_STARTUP.setLevel(Level.SEVERE);
            System.exit(dev.slipway.desktop.ui.DesktopTraining.run(System.getenv()));
        }
        AppLog.toFile(SlipwayHome.fromEnvironment());
        if (args.length == 0) {
            System.exit(openDesktop());
        }
        System.exit(Cli.run(args, CliContext.ofSystem()));
    }

    private static int openDesktop() {
        JAVAFX_STARTUP.setLevel(Level.SEVERE);
        SlipwayHome home = SlipwayHome.fromEnvironment();
        // java -jar without -Xmx: the app runs in a child JVM with a capped heap (DesktopJvm).
        java.util.OptionalInt child = dev.slipway.desktop.ui.DesktopJvm.relaunchIfUncapped(home);
        if (child.isPresent()) {
            return child.getAsInt();
        }
        try (AppServices services = DefaultAppServices.create(home)) {
            DesktopApp.open(services);
            return 0;
        } catch (SlipwayException e) {
            LoggerFactory.getLogger(SlipwayMain.class).error("The desktop app stopped", e);
            System.err.println("slipway: " + e.getMessage());
            return e.kind().exitCode();
        }
    }
}
