package dev.slipway.core.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The names a mistyped one was probably meant to be, for "did you mean …?" in the CLI and in
 * configuration errors: at most two edits away (or a third of its length, for long names), ignoring
 * case, nearest first.
 */
public final class DidYouMean {

    private DidYouMean() {}

    public static List<String> closest(String typed, Collection<String> names) {
        String key = typed.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, typed.length() / 3);
        return names.stream()
                .distinct()
                .filter(n -> distance(key, n.toLowerCase(Locale.ROOT)) <= limit)
                .sorted(Comparator.comparingInt(n -> distance(key, n.toLowerCase(Locale.ROOT))))
                .toList();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] =
                        Math.min(
                                Math.min(current[j - 1] + 1, previous[j] + 1),
                                previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
