package dev.slipway.proxy.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.deployment.FileEntry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A generated corpus of hostile paths (fixed seed, so a failure reproduces): built from the pieces
 * that break path handling (dot segments in every encoding, slashes and backslashes raw and
 * encoded, NUL, overlong and broken UTF-8, stray '%'), mutated at random. For each one, parsing and
 * resolution never throw, and whatever is served is a file of this deployment's manifest reached
 * without any '.' or '..' segment.
 */
class PathResolutionFuzzTest {

    private static final String[] PIECES = {
        "/",
        "//",
        ".",
        "..",
        "%2e",
        "%2E",
        "%2e%2e",
        ".%2e",
        "%2f",
        "%2F",
        "%5c",
        "%5C",
        "\\",
        "%00",
        "\u0000",
        "%",
        "%%",
        "%c0%ae",
        "%c0%af",
        "%e0%80%ae",
        "%ff",
        "%C3%BC",
        "ü",
        "index.html",
        "404.html",
        "a",
        "b",
        "secret",
        "assets",
        "app.js",
        "+",
        "%20",
        " ",
        "@",
        "?",
        "#",
        ";",
        "%3F",
        "~",
        "..;",
        "%u002e",
        "\t",
        "\r\n",
        "%0d%0a",
        "ünïcödé",
        "docs",
        ".html",
        "index",
        "%252e%252e"
    };

    private static final FileEntry E =
            new FileEntry("b".repeat(64), 10, "text/plain; charset=utf-8");

    @Test
    void neverThrowsAndNeverServesOutsideTheDeployment() {
        Map<String, FileEntry> files = new LinkedHashMap<>();
        for (String p :
                new String[] {
                    "index.html",
                    "404.html",
                    "a/b",
                    "assets/app.js",
                    "docs/index.html",
                    "docs.html",
                    "ünïcödé",
                    "a+b",
                    "x y",
                    "secret/index.html"
                }) {
            files.put(p, E);
        }
        SplittableRandom random = new SplittableRandom(20261127);
        int served = 0;
        int rejected = 0;
        for (int i = 0; i < 120_000; i++) {
            String raw = generate(random);
            RequestPath.Parsed parsed = RequestPath.parse(raw);
            if (parsed instanceof RequestPath.Invalid) {
                rejected++;
                continue;
            }
            RequestPath path = ((RequestPath.Valid) parsed).path();
            for (String segment : path.segments()) {
                assertThat(segment)
                        .as(raw)
                        .isNotEmpty()
                        .isNotIn(".", "..")
                        .doesNotContain("/", "\\", "\u0000");
            }
            for (boolean spa : new boolean[] {true, false}) {
                Resolution r = PathResolver.resolve(path, files, spa, "q=1");
                if (r instanceof Resolution.File f) {
                    assertThat(files).as(raw).containsKey(f.path());
                    assertThat(f.entry()).isSameAs(files.get(f.path()));
                    served++;
                } else if (r instanceof Resolution.Redirect redirect) {
                    assertThat(redirect.location())
                            .as(raw)
                            .startsWith("/")
                            .doesNotStartWith("//")
                            .doesNotContain("\r", "\n", "\\");
                }
            }
        }
        assertThat(served).as("the corpus reaches real files").isGreaterThan(500);
        assertThat(rejected).as("the corpus reaches the 400 rules").isGreaterThan(500);
    }

    private static String generate(SplittableRandom random) {
        StringBuilder b = new StringBuilder("/");
        int n = random.nextInt(1, 8);
        for (int i = 0; i < n; i++) {
            b.append(PIECES[random.nextInt(PIECES.length)]);
            if (random.nextInt(3) == 0) {
                b.append('/');
            }
        }
        if (random.nextInt(10) == 0) {
            int at = random.nextInt(b.length());
            b.setCharAt(at, (char) random.nextInt(0, 0x3000));
        }
        return b.toString();
    }
}
