package dev.slipway.core.content;

/**
 * Which files carry a bundler's content hash in their path, so their bytes can never change under
 * the same name and browsers may cache them for a year ({@code immutable}).
 *
 * <p>A wrong "yes" would pin a stale file in browsers for a year, a wrong "no" only costs a
 * revalidation; so the rule recognises the conventions of the common bundlers and nothing looser:
 *
 * <ul>
 *   <li>Vite / Rollup: {@code assets/index-DsBhw8EC.js} (name, '-', 8 characters of base64url);
 *   <li>webpack, Create React App, Parcel, Docusaurus, Astro: {@code static/js/main.3f2a1b7c.js},
 *       {@code 787.a1b2c3d4.chunk.js}, {@code _astro/index.DfR3b-a1.css} (a '.'-separated hash);
 *   <li>webpack {@code [name]-[contenthash]}, Gatsby: {@code app-5a8f2c1e3b4d6f7a8b9c.js} (16+
 *       hex);
 *   <li>folders whose every file is content-addressed: Next's {@code _next/static/} and SvelteKit's
 *       {@code _app/immutable/}.
 * </ul>
 *
 * A hash must look random: letters mixed with digits, or upper with lower case that is not just
 * capitalised words. So {@code my-component.css}, {@code OpenSans-SemiBold.ttf}, {@code
 * jquery-3.7.1.min.js} and {@code build-20241127.js} do not count.
 */
public final class HashedNames {

    private HashedNames() {}

    /** Whether the file at this relative path has a content hash in its name or folder. */
    public static boolean isContentHashed(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.startsWith("_next/static/") || p.contains("/_next/static/")) {
            return true;
        }
        if (p.startsWith("_app/immutable/") || p.contains("/_app/immutable/")) {
            return true;
        }
        String name = p.substring(p.lastIndexOf('/') + 1);
        int lastDot = name.lastIndexOf('.');
        if (lastDot <= 0) {
            return false;
        }
        String stem = name.substring(0, lastDot);
        String[] segments = stem.split("\\.", -1);
        for (int i = 1; i < segments.length; i++) {
            if (segments[i].length() >= 8 && looksRandom(segments[i])) {
                return true;
            }
        }
        return hasDashHash(segments[0]);
    }

    /**
     * {@code name-HASH} with an 8-character base64url hash (which may itself hold '-') or 16+ hex.
     */
    private static boolean hasDashHash(String first) {
        for (int dash = first.indexOf('-'); dash > 0; dash = first.indexOf('-', dash + 1)) {
            String tail = first.substring(dash + 1);
            if (tail.length() == 8 && looksRandom(tail)) {
                return true;
            }
            if (tail.length() >= 16 && tail.length() <= 64 && isHex(tail) && hasDigit(tail)) {
                return true;
            }
        }
        return false;
    }

    static boolean looksRandom(String s) {
        boolean digit = false;
        boolean upper = false;
        boolean lower = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c != '_' && c != '-') {
                return false;
            }
        }
        if (digit && (upper || lower)) {
            return true;
        }
        return upper && lower && !s.matches("[A-Za-z][a-z]{2,}([A-Z][a-z]{2,})*");
    }

    private static boolean isHex(String s) {
        return s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    private static boolean hasDigit(String s) {
        return s.chars().anyMatch(c -> c >= '0' && c <= '9');
    }
}
