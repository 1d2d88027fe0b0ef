package dev.slipway.builder.routes;

import dev.slipway.core.routes.Routes.Header;
import dev.slipway.core.routes.Routes.HeaderRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Parses Netlify's {@code _headers} format: a line starting with {@code /} opens a path block, the
 * {@code Name: value} lines under it (indented, by convention) add headers to every response whose
 * path matches; {@code #} starts a comment. Bad lines are reported with their number and skipped,
 * as Netlify does; a {@code Basic-Auth} line is fatal, because Slipway cannot password-protect
 * pages and must not publish them as if it could (its value is never echoed).
 */
final class HeadersFile {

    static final String NAME = "_headers";

    /** What a file gave: its usable rules, in order, and the lines that were not used. */
    record Parsed(List<HeaderRule> rules, List<RuleProblem> problems) {}

    private HeadersFile() {}

    static Parsed parse(String text) {
        List<HeaderRule> rules = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        @Nullable String path = null;
        boolean skippingBlock = false;
        int pathLine = 0;
        List<Header> values = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            String line = lines[i].trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("/") || RuleSyntax.isExternal(line)) {
                close(path, pathLine, values, rules, problems);
                values = new ArrayList<>();
                Optional<String> problem = RuleSyntax.checkPattern(line);
                if (problem.isPresent()) {
                    problems.add(
                            new RuleProblem(
                                    NAME,
                                    number,
                                    problem.get() + "; the headers under it are skipped",
                                    false));
                    path = null;
                    skippingBlock = true;
                } else {
                    path = line;
                    pathLine = number;
                    skippingBlock = false;
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                problems.add(
                        new RuleProblem(
                                NAME,
                                number,
                                "'"
                                        + RuleSyntax.shorten(line)
                                        + "' is neither a path nor a header: start a block with a path such as /*, then indent Name: value lines under it",
                                false));
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (RuleSyntax.isBasicAuth(name)) {
                problems.add(
                        new RuleProblem(
                                NAME,
                                number,
                                "Basic-Auth password protection is not supported, and Slipway cannot keep those pages private: remove the line and leave the protected pages out of the output",
                                true));
                continue;
            }
            if (skippingBlock) {
                continue;
            }
            if (path == null) {
                problems.add(
                        new RuleProblem(
                                NAME,
                                number,
                                "the header "
                                        + RuleSyntax.shorten(name)
                                        + " comes before any path: put a path line such as /* above it",
                                false));
                continue;
            }
            Optional<String> problem = RuleSyntax.checkHeader(name, value);
            if (problem.isPresent()) {
                problems.add(new RuleProblem(NAME, number, problem.get(), false));
                continue;
            }
            values.add(new Header(name, value));
        }
        close(path, pathLine, values, rules, problems);
        return new Parsed(rules, problems);
    }

    private static void close(
            @Nullable String path,
            int pathLine,
            List<Header> values,
            List<HeaderRule> rules,
            List<RuleProblem> problems) {
        if (path == null) {
            return;
        }
        if (values.isEmpty()) {
            problems.add(
                    new RuleProblem(
                            NAME,
                            pathLine,
                            "the path "
                                    + RuleSyntax.shorten(path)
                                    + " has no header lines under it: add Name: value lines, or remove it",
                            false));
            return;
        }
        rules.add(new HeaderRule(path, values));
    }
}
