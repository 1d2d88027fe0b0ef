package dev.slipway.builder.outcome;

import dev.slipway.core.build.ExitStatus;
import org.jspecify.annotations.Nullable;

/**
 * Why a build ends without a deployment: the message is the one sentence shown as the FAILED
 * status's {@code error}, saying what went wrong and what to do.
 */
public final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Who is to blame decides the exit status: FAILED (the app did not build), BAD_INPUT or
     * INFRASTRUCTURE.
     */
    private final ExitStatus kind;

    public Failure(ExitStatus kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Failure(ExitStatus kind, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public static Failure build(String message) {
        return new Failure(ExitStatus.FAILED, message);
    }

    public static Failure badInput(String message) {
        return new Failure(ExitStatus.BAD_INPUT, message);
    }

    public static Failure badInput(String message, Throwable cause) {
        return new Failure(ExitStatus.BAD_INPUT, message, cause);
    }

    public static Failure infrastructure(String message, @Nullable Throwable cause) {
        return new Failure(ExitStatus.INFRASTRUCTURE, message, cause);
    }

    public ExitStatus kind() {
        return kind;
    }
}
