package dev.slipway.desktop;

/**
 * A failure the user can act on: the message is one or two sentences saying what went wrong and
 * what to do. The CLI maps {@link #kind()} to its exit code in one place; the app shows the message
 * in a banner. The cause is kept for {@code --debug} and the log file.
 */
public class SlipwayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure, which decides the CLI's exit code. */
    public enum Kind {
        /** The deployment ended FAILED or CANCELED: exit 1. */
        DEPLOYMENT_FAILED(1),
        /** Bad usage or input (slug, URL, setting, unknown id): exit 2. */
        BAD_INPUT(2),
        /** A service could not be reached or refused (S3, Redis, ECS, credentials): exit 3. */
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

    public SlipwayException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public SlipwayException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public static SlipwayException badInput(String message) {
        return new SlipwayException(Kind.BAD_INPUT, message);
    }

    public static SlipwayException infrastructure(String message, Throwable cause) {
        return new SlipwayException(Kind.INFRASTRUCTURE, message, cause);
    }

    public Kind kind() {
        return kind;
    }
}
