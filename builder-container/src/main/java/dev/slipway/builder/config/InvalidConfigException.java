package dev.slipway.builder.config;

/** A missing or invalid environment variable; the message says what is wrong and what to set. */
public final class InvalidConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidConfigException(String message) {
        super(message);
    }
}
