package dev.slipway.desktop;

/** Entry point of {@code slipway.jar}: the desktop app without arguments, the CLI with them. */
public final class SlipwayMain {
  private SlipwayMain() {}

  public static void main(String[] args) {
    System.out.println(
        String.join(
            "\n",
            "Usage: slipway <command> [options]",
            "  deploy [<repo>] [--slug S] …   start a deployment and follow its log",
            "  logs <deploymentId> [--follow] show a build log",
            "  list [<project>] [--json]      projects, or one project's deployments",
            "  rollback <project> [<id>]      make an earlier deployment live",
            "  cancel <deploymentId>          stop a running build",
            "  remove <project>               delete a project and its files",
            "  up [--detach] | down           start or stop the local stack",
            "  doctor                         check the configuration and services"));
  }
}
