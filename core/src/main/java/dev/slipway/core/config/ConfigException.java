package dev.slipway.core.config;

import java.nio.file.Path;

/**
 * {@code config.json} cannot be used. The message names the file, the line and the field, and says
 * what to write instead.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;

    public ConfigException(Path file, int line, String message) {
        super(file + (line > 0 ? " line " + line : "") + ": " + message);
        this.file = file;
        this.line = line;
    }

    public ConfigException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
        this.line = 0;
    }

    public Path file() {
        return file;
    }

    /** The 1-based line of the problem, or 0 when it is not about one line. */
    public int line() {
        return line;
    }
}
