package dev.slipway.core.text;

/** Counts in messages: "1 file", "2 files", with the noun in the number it needs. */
public final class Counts {

    private Counts() {}

    /** {@code n} and the noun, plural unless {@code n} is 1 (nouns that take an s). */
    public static String of(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
