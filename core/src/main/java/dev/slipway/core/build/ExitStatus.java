package dev.slipway.core.build;

import java.util.Optional;

/**
 * How a Slipway program ends (contract section 5 for the builder; the CLI uses the same numbers):
 * the one place the numbers are written.
 */
public enum ExitStatus {
    /** The deployment is READY, or the command did what it was asked. */
    READY(0),
    /** The build failed (the app did not build), or the deployment ended FAILED or CANCELED. */
    FAILED(1),
    /** The input cannot work: a setting, the repository, a slug, an unknown id. */
    BAD_INPUT(2),
    /** Storage, Redis, ECS or credentials failed. */
    INFRASTRUCTURE(3),
    /** Canceled by SIGINT (Ctrl-C). */
    INTERRUPTED(130),
    /** Canceled by SIGTERM (ECS StopTask, the launcher's cancel). */
    TERMINATED(143);

    private final int exitCode;

    ExitStatus(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The process's exit status. */
    public int exitCode() {
        return exitCode;
    }

    /** Whether the build was canceled (by either signal). */
    public boolean isCancel() {
        return this == INTERRUPTED || this == TERMINATED;
    }

    /** The status a process exited with, when it is one of these. */
    public static Optional<ExitStatus> of(int exitCode) {
        for (ExitStatus s : values()) {
            if (s.exitCode == exitCode) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
