package dev.slipway.builder.outcome;

/**
 * Why a build ends without a deployment: the message is the one sentence shown as the FAILED
 * status's {@code error}, saying what went wrong and what to do.
 */
public final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Who is to blame, which decides the exit status (contract section 5). */
    public enum Kind {
        /** The app did not build: exit 1. */
        BUILD(1),
        /** The input cannot work (bad repository, ref, setting): exit 2. */
        BAD_INPUT(2),
        /** Storage or Redis failed: exit 3. */
        INFRASTRUCTURE(3);

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    private final Kind kind;

    public Failure(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Failure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public static Failure build(String message) {
        return new Failure(Kind.BUILD, message);
    }

    public static Failure badInput(String message) {
        return new Failure(Kind.BAD_INPUT, message);
    }

    public static Failure badInput(String message, Throwable cause) {
        return new Failure(Kind.BAD_INPUT, message, cause);
    }

    public static Failure infrastructure(String message, Throwable cause) {
        return new Failure(Kind.INFRASTRUCTURE, message, cause);
    }

    public Kind kind() {
        return kind;
    }
}
