package dev.slipway.desktop;

import dev.slipway.core.build.ExitStatus;

/**
 * A failure the user can act on: the message is one or two sentences saying what went wrong and
 * what to do. {@link #kind()} is the CLI's exit status (core's {@link ExitStatus}); the app shows
 * the message in a banner. The cause is kept for {@code --debug} and the log file.
 */
public class SlipwayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ExitStatus kind;

    public SlipwayException(ExitStatus kind, String message) {
        super(message);
        this.kind = kind;
    }

    public SlipwayException(ExitStatus kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public static SlipwayException badInput(String message) {
        return new SlipwayException(ExitStatus.BAD_INPUT, message);
    }

    public static SlipwayException infrastructure(String message, Throwable cause) {
        return new SlipwayException(ExitStatus.INFRASTRUCTURE, message, cause);
    }

    public ExitStatus kind() {
        return kind;
    }
}
