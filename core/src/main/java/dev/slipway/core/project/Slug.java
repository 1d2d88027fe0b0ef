package dev.slipway.core.project;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A project's name: also its subdomain, so it follows DNS label rules (contract section 3).
 *
 * <p>Construct with {@link #of(String)}, which explains what is wrong with a bad name, or make one
 * from a repository URL with {@link #fromRepositoryUrl(String)}.
 */
public final class Slug implements Comparable<Slug> {

    /** The contract's rule for a project slug. */
    public static final Pattern PATTERN = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$");

    /** Names that would collide with the platform's own hosts. */
    public static final Set<String> RESERVED =
            Set.of("www", "api", "admin", "app", "slipway", "localhost");

    /**
     * The longest slug: 50 characters, so a deployment host {@code <project>--<id10>} still fits
     * one 63-character DNS label.
     */
    public static final int MAX_LENGTH = 50;

    private static final String SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String FALLBACK = "site";

    private final String value;

    private Slug(String value) {
        this.value = value;
    }

    /**
     * Parses a slug, or throws with a sentence that says what is wrong and how to fix it.
     *
     * @throws InvalidSlugException when {@code raw} breaks the rule
     */
    public static Slug of(String raw) {
        Optional<String> problem = problem(raw);
        if (problem.isPresent()) {
            throw new InvalidSlugException(problem.get());
        }
        return new Slug(raw);
    }

    /** Whether {@code raw} is a valid slug. */
    public static boolean isValid(String raw) {
        return problem(raw).isEmpty();
    }

    /**
     * What is wrong with {@code raw} as a slug, as one sentence a person can act on; empty when it
     * is valid. Used as the user types, so it never throws.
     */
    public static Optional<String> problem(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.of(
                    "Enter a project name: lower-case letters, digits and '-', for example 'my-site'.");
        }
        if (raw.length() > MAX_LENGTH) {
            return Optional.of(
                    String.format(
                            "'%s…' is %d characters long; a project name has at most %d, shorten it.",
                            raw.substring(0, 20), raw.length(), MAX_LENGTH));
        }
        if (!raw.chars()
                .allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
            return Optional.of(
                    String.format(
                            "'%s' is not a valid project name: use lower-case letters, digits and '-' only%s.",
                            raw, hint(raw)));
        }
        if (raw.startsWith("-") || raw.endsWith("-")) {
            return Optional.of(
                    String.format(
                            "'%s' starts or ends with '-': a project name must start and end with a letter or"
                                    + " digit%s.",
                            raw, hint(raw)));
        }
        if (raw.contains("--")) {
            return Optional.of(
                    String.format(
                            "'%s' contains '--', which Slipway keeps for deployment URLs; use a single"
                                    + " '-'%s.",
                            raw, hint(raw)));
        }
        if (RESERVED.contains(raw)) {
            return Optional.of(
                    String.format(
                            "'%s' is reserved for Slipway's own use; choose another name, for example '%s-site'.",
                            raw, raw));
        }
        return Optional.empty();
    }

    private static String hint(String raw) {
        String suggestion = normalize(raw);
        return suggestion.isEmpty() || suggestion.equals(raw) ? "" : " (try '" + suggestion + "')";
    }

    /**
     * Makes a slug from a repository URL or path: its last path segment without {@code .git},
     * lower-cased, with invalid characters turned into '-'. Never fails: an unusable name becomes
     * {@code site}, a reserved one gets {@code -site} appended.
     */
    public static Slug fromRepositoryUrl(String repositoryUrl) {
        String name = lastSegment(Objects.requireNonNullElse(repositoryUrl, ""));
        if (name.toLowerCase(Locale.ROOT).endsWith(".git")) {
            name = name.substring(0, name.length() - 4);
        }
        return fromName(name);
    }

    /** Makes a slug from any text with the same rules as {@link #fromRepositoryUrl(String)}. */
    public static Slug fromName(String name) {
        String slug = normalize(name);
        if (slug.isEmpty()) {
            slug = FALLBACK;
        }
        if (RESERVED.contains(slug)) {
            slug = slug + "-" + FALLBACK;
        }
        return new Slug(slug);
    }

    /**
     * This slug with a short random suffix ({@code demo} becomes {@code demo-x7k2}), shortened if
     * needed to stay within {@link #MAX_LENGTH}. Used when the name is taken by another repository.
     */
    public Slug withRandomSuffix(RandomGenerator random) {
        StringBuilder suffix = new StringBuilder("-");
        for (int i = 0; i < 4; i++) {
            suffix.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
        }
        String base = value;
        if (base.length() + suffix.length() > MAX_LENGTH) {
            base = trimDashes(base.substring(0, MAX_LENGTH - suffix.length()));
        }
        return new Slug(base + suffix);
    }

    static String normalize(String raw) {
        String lower = raw.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        boolean lastDash = false;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (ok) {
                out.append(c);
                lastDash = false;
            } else if (!lastDash) {
                out.append('-');
                lastDash = true;
            }
        }
        String slug = trimDashes(out.toString());
        if (slug.length() > MAX_LENGTH) {
            slug = trimDashes(slug.substring(0, MAX_LENGTH));
        }
        return slug;
    }

    private static String trimDashes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '-') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '-') {
            end--;
        }
        return s.substring(start, end);
    }

    private static String lastSegment(String repositoryUrl) {
        String path = repositoryUrl.trim();
        try {
            URI uri = URI.create(path);
            if (uri.getPath() != null && uri.getScheme() != null && uri.getScheme().length() > 1) {
                path = uri.getPath();
            }
        } catch (IllegalArgumentException notAUri) {
            // A local path or scp-like "git@host:owner/repo.git": split it as text below.
        }
        path = path.replace('\\', '/');
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        int cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf(':'));
        return cut >= 0 ? path.substring(cut + 1) : path;
    }

    public String value() {
        return value;
    }

    @Override
    public int compareTo(Slug other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Slug other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
