package dev.slipway.builder.routes;

/**
 * A line of {@code _redirects} or {@code _headers} that is not used, shown as {@code _redirects:7:
 * message}.
 *
 * @param file the file's name as the person knows it ({@code _redirects})
 * @param line 1-based line number
 * @param message what is wrong and what to write instead
 * @param fatal whether skipping the line would be unsafe, so the build must fail (access control
 *     Slipway cannot enforce)
 */
record RuleProblem(String file, int line, String message, boolean fatal) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
