package dev.slipway.desktop;

import dev.slipway.core.config.SlipwayHome;
import dev.slipway.desktop.cli.Cli;
import dev.slipway.desktop.cli.CliContext;
import dev.slipway.desktop.ui.DesktopApp;

/**
 * Entry point of {@code slipway.jar}: the desktop app without arguments, the command line with a
 * subcommand (contract section 7).
 */
public final class SlipwayMain {
  private SlipwayMain() {}

  public static void main(String[] args) {
    // Lettuce and Netty record JFR events when JFR is present: loading JFR costs each command
    // seconds of start-up on a busy machine and records nothing anyone reads.
    System.setProperty("io.lettuce.core.jfr", "false");
    System.setProperty("io.netty.jfr.enabled", "false");
    if (args.length == 0) {
      System.exit(openDesktop());
    }
    System.exit(Cli.run(args, CliContext.ofSystem()));
  }

  private static int openDesktop() {
    SlipwayHome home = SlipwayHome.fromEnvironment();
    try (AppServices services = DefaultAppServices.create(home)) {
      DesktopApp.open(services);
      return 0;
    } catch (SlipwayException e) {
      System.err.println("slipway: " + e.getMessage());
      System.err.println("Run './slipway --help' for the command line, which needs no display.");
      return e.kind().exitCode();
    }
  }
}
