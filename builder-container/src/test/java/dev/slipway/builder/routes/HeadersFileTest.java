package dev.slipway.builder.routes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.routes.Routes.Header;
import dev.slipway.core.routes.Routes.HeaderRule;
import org.junit.jupiter.api.Test;

class HeadersFileTest {

    @Test
    void parsesPathBlocksWithTheirIndentedHeaders() {
        HeadersFile.Parsed parsed =
                HeadersFile.parse(
                        """
                        # security headers for every page
                        /*
                          X-Frame-Options: DENY
                          Content-Security-Policy: default-src 'self'; img-src *
                        /assets/:name
                          Cache-Control: public, max-age=600
                          Set-Cookie: a=1
                          Set-Cookie: b=2
                        """);

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.rules())
                .containsExactly(
                        new HeaderRule(
                                "/*",
                                java.util.List.of(
                                        new Header("X-Frame-Options", "DENY"),
                                        new Header(
                                                "Content-Security-Policy",
                                                "default-src 'self'; img-src *"))),
                        new HeaderRule(
                                "/assets/:name",
                                java.util.List.of(
                                        new Header("Cache-Control", "public, max-age=600"),
                                        new Header("Set-Cookie", "a=1"),
                                        new Header("Set-Cookie", "b=2"))));
    }

    @Test
    void reportsBadLinesAndSkipsTheHeadersOfABadPath() {
        HeadersFile.Parsed parsed =
                HeadersFile.parse(
                        """
                          X-Early: before any path
                        /ok
                          not a header line
                          Content-Length: 5
                          Bad Name: x
                          X-Good: yes
                        /bad(.*)
                          X-Skipped: yes
                        /empty
                        """);

        assertThat(parsed.rules())
                .containsExactly(
                        new HeaderRule("/ok", java.util.List.of(new Header("X-Good", "yes"))));
        assertThat(parsed.problems())
                .extracting(RuleProblem::line)
                .containsExactly(1, 3, 4, 5, 7, 9);
        assertThat(parsed.problems()).noneMatch(RuleProblem::fatal);
    }

    @Test
    void failsOnBasicAuthWithoutEchoingThePassword() {
        HeadersFile.Parsed parsed =
                HeadersFile.parse("/private/*\n  Basic-Auth: alice:hunter2-secret\n");

        assertThat(parsed.problems()).noneMatch(p -> p.toString().contains("hunter2"));
        assertThat(parsed.problems())
                .filteredOn(RuleProblem::fatal)
                .singleElement()
                .extracting(RuleProblem::line)
                .isEqualTo(2);
    }
}
