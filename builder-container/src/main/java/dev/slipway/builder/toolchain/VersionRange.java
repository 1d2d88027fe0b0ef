package dev.slipway.builder.toolchain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A semver range as npm writes it in {@code engines.node} and people write it in {@code .nvmrc}:
 * versions ({@code 22}, {@code v22.3.0}, {@code 20.x}, {@code *}), comparators ({@code >=18 <21}),
 * tilde and caret ({@code ~20.11}, {@code ^20.11}), hyphen ranges ({@code 18 - 20}) and {@code ||}.
 * Only releases match: pre-release tags in a range are read and ignored, and pre-release versions
 * never satisfy it.
 */
public final class VersionRange {

    private static final Pattern PARTIAL =
            Pattern.compile(
                    "^v?([0-9]+|[xX*])(?:\\.([0-9]+|[xX*])(?:\\.([0-9]+|[xX*])(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]*)?)?)?$");
    private static final Pattern OPERATOR = Pattern.compile("^(<=|>=|<|>|=|~>|~|\\^)?(.*)$");

    private enum Op {
        GE,
        LT,
        LE,
        EQ
    }

    private record Comparator(Op op, NodeVersion version) {
        boolean test(NodeVersion v) {
            int c = v.compareTo(version);
            return switch (op) {
                case GE -> c >= 0;
                case LT -> c < 0;
                case LE -> c <= 0;
                case EQ -> c == 0;
            };
        }
    }

    /** A version with wildcards: null parts are {@code x}. */
    private record Partial(
            @Nullable Integer major, @Nullable Integer minor, @Nullable Integer patch) {
        boolean isAny() {
            return major == null;
        }

        /** The major version of a partial that is not {@code *}. */
        int knownMajor() {
            return Objects.requireNonNull(major, "* has no major version");
        }

        NodeVersion floor() {
            return new NodeVersion(n(major), n(minor), n(patch));
        }

        /** The first version above everything this partial covers; null when it is exact. */
        @Nullable NodeVersion ceilingExclusive() {
            if (major == null) {
                return null;
            }
            if (minor == null) {
                return new NodeVersion(major + 1, 0, 0);
            }
            if (patch == null) {
                return new NodeVersion(major, minor + 1, 0);
            }
            return null;
        }

        private static int n(@Nullable Integer i) {
            return i == null ? 0 : i;
        }
    }

    private final String text;
    private final List<List<Comparator>> alternatives;

    private VersionRange(String text, List<List<Comparator>> alternatives) {
        this.text = text;
        this.alternatives = alternatives;
    }

    /**
     * Parses a range.
     *
     * @throws IllegalArgumentException naming the part that is not a version or comparator
     */
    public static VersionRange parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        List<List<Comparator>> sets = new ArrayList<>();
        for (String alternative : trimmed.split("\\|\\|", -1)) {
            sets.add(parseSet(alternative.trim()));
        }
        return new VersionRange(trimmed, List.copyOf(sets));
    }

    /** Whether {@code v} is a release in this range. */
    public boolean includes(NodeVersion v) {
        if (!v.isRelease()) {
            return false;
        }
        for (List<Comparator> set : alternatives) {
            if (set.stream().allMatch(c -> c.test(v))) {
                return true;
            }
        }
        return false;
    }

    /** The highest of {@code versions} in this range. */
    public Optional<NodeVersion> highest(Collection<NodeVersion> versions) {
        return versions.stream().filter(this::includes).max(NodeVersion::compareTo);
    }

    @Override
    public String toString() {
        return text;
    }

    private static List<Comparator> parseSet(String set) {
        List<Comparator> out = new ArrayList<>();
        if (set.isEmpty()) {
            return out;
        }
        // "1.2 - 2.3": a hyphen range (spaces around the hyphen).
        String[] hyphen = set.split("\\s+-\\s+");
        if (hyphen.length == 2) {
            Partial from = partial(hyphen[0], set);
            Partial to = partial(hyphen[1], set);
            if (!from.isAny()) {
                out.add(new Comparator(Op.GE, from.floor()));
            }
            if (!to.isAny()) {
                NodeVersion ceiling = to.ceilingExclusive();
                out.add(
                        ceiling == null
                                ? new Comparator(Op.LE, to.floor())
                                : new Comparator(Op.LT, ceiling));
            }
            return out;
        }
        if (hyphen.length > 2) {
            throw new IllegalArgumentException("'" + set + "' has more than one hyphen range");
        }
        // ">= 18" is written with a space at times: join an operator to its version.
        String joined = set.replaceAll("(<=|>=|<|>|=|~>|~|\\^)\\s+", "$1");
        for (String token : joined.split("\\s+")) {
            comparators(token, out);
        }
        return out;
    }

    private static void comparators(String token, List<Comparator> out) {
        Matcher m = OPERATOR.matcher(token);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + token + "' is not a version");
        }
        String op = m.group(1) == null ? "" : m.group(1);
        Partial p = partial(m.group(2), token);
        NodeVersion floor = p.floor();
        NodeVersion ceiling = p.ceilingExclusive();
        switch (op) {
            case "", "=" -> {
                if (!p.isAny()) {
                    out.add(new Comparator(ceiling == null ? Op.EQ : Op.GE, floor));
                    if (ceiling != null) {
                        out.add(new Comparator(Op.LT, ceiling));
                    }
                }
            }
            case ">=" -> {
                if (!p.isAny()) {
                    out.add(new Comparator(Op.GE, floor));
                }
            }
            case ">" -> {
                if (p.isAny()) {
                    out.add(new Comparator(Op.LT, new NodeVersion(0, 0, 0)));
                } else if (ceiling == null) {
                    out.add(new Comparator(Op.GE, next(floor)));
                } else {
                    out.add(new Comparator(Op.GE, ceiling));
                }
            }
            case "<" ->
                    out.add(new Comparator(Op.LT, p.isAny() ? new NodeVersion(0, 0, 0) : floor));
            case "<=" -> {
                if (!p.isAny()) {
                    out.add(
                            ceiling == null
                                    ? new Comparator(Op.LE, floor)
                                    : new Comparator(Op.LT, ceiling));
                }
            }
            case "~", "~>" -> {
                if (!p.isAny()) {
                    out.add(new Comparator(Op.GE, floor));
                    out.add(
                            new Comparator(
                                    Op.LT,
                                    p.minor() == null
                                            ? new NodeVersion(p.knownMajor() + 1, 0, 0)
                                            : new NodeVersion(p.knownMajor(), p.minor() + 1, 0)));
                }
            }
            case "^" -> {
                if (!p.isAny()) {
                    out.add(new Comparator(Op.GE, floor));
                    out.add(new Comparator(Op.LT, caretCeiling(p)));
                }
            }
            default -> throw new IllegalArgumentException("'" + token + "' is not a version");
        }
    }

    /** {@code ^1.2.3} < 2.0.0, {@code ^0.2.3} < 0.3.0, {@code ^0.0.3} < 0.0.4, {@code ^0.x} < 1. */
    private static NodeVersion caretCeiling(Partial p) {
        if (p.knownMajor() > 0 || p.minor() == null) {
            return new NodeVersion(p.knownMajor() + 1, 0, 0);
        }
        if (p.minor() > 0 || p.patch() == null) {
            return new NodeVersion(0, p.minor() + 1, 0);
        }
        return new NodeVersion(0, 0, p.patch() + 1);
    }

    private static NodeVersion next(NodeVersion v) {
        return new NodeVersion(v.major(), v.minor(), v.patch() + 1);
    }

    private static Partial partial(String text, String context) {
        Matcher m = PARTIAL.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + context + "' is not a version or range");
        }
        Integer major = number(m.group(1));
        Integer minor = major == null ? null : number(m.group(2));
        Integer patch = minor == null ? null : number(m.group(3));
        return new Partial(major, minor, patch);
    }

    private static @Nullable Integer number(@Nullable String part) {
        if (part == null || part.equalsIgnoreCase("x") || part.equals("*")) {
            return null;
        }
        if (part.length() > 9) {
            throw new IllegalArgumentException("'" + part + "' is too large a version number");
        }
        return Integer.parseInt(part);
    }
}
