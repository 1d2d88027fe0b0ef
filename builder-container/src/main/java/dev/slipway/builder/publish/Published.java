package dev.slipway.builder.publish;

/**
 * How publishing ended.
 *
 * @param live whether this deployment is now the project's live one (false when a newer one was)
 */
public record Published(boolean live) {}
