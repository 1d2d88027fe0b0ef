package dev.slipway.builder.routes;

import dev.slipway.core.routes.Routes.Redirect;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses Netlify's {@code _redirects} format: one rule a line, {@code from to [status][!]
 * [conditions]}, {@code #} comments, status 301 when none is written. A line that cannot be used is
 * reported with its number and skipped, as Netlify does; a line whose skipping would publish what
 * the person meant to protect (a {@code Role=} condition) is reported as fatal.
 */
final class RedirectsFile {

    static final String NAME = "_redirects";

    private static final Pattern STATUS = Pattern.compile("(\\d{3})(!?)");
    private static final int DEFAULT_STATUS = 301;

    /** What a file gave: its usable rules, in order, and the lines that were not used. */
    record Parsed(List<Redirect> rules, List<RuleProblem> problems) {}

    private RedirectsFile() {}

    static Parsed parse(String text) {
        List<Redirect> rules = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            List<String> tokens = tokens(lines[i]);
            if (tokens.isEmpty()) {
                continue;
            }
            try {
                rules.add(rule(tokens));
            } catch (BadLine e) {
                problems.add(
                        new RuleProblem(NAME, number, String.valueOf(e.getMessage()), e.fatal));
            }
        }
        return new Parsed(rules, problems);
    }

    /** The line's words up to a comment. */
    private static List<String> tokens(String line) {
        List<String> tokens = new ArrayList<>();
        for (String token : line.trim().split("\\s+")) {
            if (token.startsWith("#")) {
                break;
            }
            if (!token.isEmpty()) {
                tokens.add(token);
            }
        }
        return tokens;
    }

    private static Redirect rule(List<String> tokens) {
        String from = tokens.get(0);
        int i = 1;
        boolean queryCondition = false;
        while (i < tokens.size() && isCondition(tokens.get(i))) {
            queryCondition = true;
            i++;
        }
        if (i >= tokens.size()) {
            throw new BadLine(
                    "a rule needs a source and a target: write `from to [status]`, such as /old /new 301");
        }
        String to = tokens.get(i++);
        int status = DEFAULT_STATUS;
        boolean force = false;
        if (i < tokens.size() && !isCondition(tokens.get(i))) {
            String raw = tokens.get(i++);
            var m = STATUS.matcher(raw);
            if (!m.matches()) {
                throw new BadLine(
                        "'"
                                + RuleSyntax.shorten(raw)
                                + "' is not a status code: write `from to [status][!]`, such as /old /new 301 or /app/* /index.html 200");
            }
            status = Integer.parseInt(m.group(1));
            force = !m.group(2).isEmpty();
        }
        List<String> conditions = new ArrayList<>();
        while (i < tokens.size()) {
            String token = tokens.get(i++);
            if (!isCondition(token)) {
                throw new BadLine(
                        "unexpected '"
                                + RuleSyntax.shorten(token)
                                + "' after the status: write `from to [status][!]` with nothing after it");
            }
            conditions.add(token);
        }
        for (String condition : conditions) {
            String key = condition.substring(0, condition.indexOf('=')).toLowerCase(Locale.ROOT);
            if (key.equals("role")) {
                throw new BadLine(
                        "role conditions ("
                                + RuleSyntax.shorten(condition)
                                + ") are not supported, and Slipway cannot keep those pages private: remove the rule and leave the protected pages out of the output",
                        true);
            }
        }
        if (!conditions.isEmpty()) {
            throw new BadLine(
                    "conditions such as "
                            + RuleSyntax.shorten(conditions.get(0))
                            + " (country, language, cookie) are not supported, so the rule is skipped: remove the condition to apply the rule to everyone, or remove the rule");
        }
        if (queryCondition) {
            throw new BadLine(
                    "query-string conditions are not supported, so the rule is skipped: Slipway matches the path only; remove the key=value part to apply the rule to every query");
        }
        check(RuleSyntax.checkPattern(from));
        check(RuleSyntax.checkTarget(from, to));
        if (status == 200 || status == 404) {
            if (RuleSyntax.isExternal(to)) {
                throw new BadLine(
                        "status "
                                + status
                                + " with a URL would proxy another site, which Slipway does not do: redirect to it with 301 or 302, or rewrite to a path of this site");
            }
        } else if (!RuleSyntax.REDIRECT_STATUSES.contains(status)) {
            throw new BadLine(
                    "status "
                            + status
                            + " is not supported: use 301, 302, 303, 307 or 308 to redirect, 200 to rewrite, or 404 for a not-found page");
        }
        return new Redirect(from, to, status, force);
    }

    private static void check(Optional<String> problem) {
        if (problem.isPresent()) {
            throw new BadLine(problem.get());
        }
    }

    /** {@code key=value}: a query-string match before the target, a condition after the status. */
    private static boolean isCondition(String token) {
        int eq = token.indexOf('=');
        return eq > 0 && !token.startsWith("/") && !RuleSyntax.isExternal(token);
    }

    /** One line's problem, thrown inside the parser only. */
    private static final class BadLine extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean fatal;

        BadLine(String message) {
            this(message, false);
        }

        BadLine(String message, boolean fatal) {
            super(message, null, false, false);
            this.fatal = fatal;
        }
    }
}
