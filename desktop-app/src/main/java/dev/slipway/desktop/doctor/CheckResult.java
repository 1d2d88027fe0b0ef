package dev.slipway.desktop.doctor;

/**
 * One line of {@code slipway doctor}: what was checked, whether it passed, and what to do if not;
 * {@code debug} is the detail behind it (the causes of a failure), printed only with {@code
 * --debug}, or null.
 */
public record CheckResult(String name, boolean ok, String detail, String debug) {

    public CheckResult(String name, boolean ok, String detail) {
        this(name, ok, detail, null);
    }
}
