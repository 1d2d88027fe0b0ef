package dev.slipway.desktop;

import dev.slipway.desktop.cli.Cli;
import dev.slipway.desktop.cli.CliContext;

/**
 * Entry point of {@code slipway.jar}: the CLI with a subcommand; without arguments, for now, the
 * usage (the desktop window is wired here when the app is merged).
 */
public final class SlipwayMain {
  private SlipwayMain() {}

  public static void main(String[] args) {
    int exit = Cli.run(args, CliContext.ofSystem());
    System.exit(exit);
  }
}
