package dev.slipway.core.project;

/** A project name that breaks the slug rule; the message says how to fix it. */
public final class InvalidSlugException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidSlugException(String message) {
        super(message);
    }
}
