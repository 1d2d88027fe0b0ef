package dev.slipway.desktop.doctor;

/**
 * One line of {@code slipway doctor}: what was checked, whether it passed, and what to do if not.
 */
public record CheckResult(String name, boolean ok, String detail) {}
