package dev.slipway.proxy.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestPathTest {

    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(
            delimiter = '|',
            value = {
                "/|''",
                "/index.html|index.html",
                "/docs/|docs/",
                "/docs|docs",
                "//a///b//|a/b/",
                "/hello%20world.txt|hello world.txt",
                "/a+b.txt|a+b.txt",
                "/a%2Bb.txt|a+b.txt",
                "/user@host|user@host",
                "/%C3%BCber|über",
                "/...|...",
                "/..a/b..|..a/b..",
                "/.well-known/x|.well-known/x"
            })
    void decodesOnceIntoAManifestKey(String raw, String key) {
        assertThat(RequestPath.parse(raw))
                .isInstanceOfSatisfying(
                        RequestPath.Valid.class, v -> assertThat(v.path().key()).isEqualTo(key));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/..",
                "/../x",
                "/a/../b",
                "/./a",
                "/a/.",
                "/%2e%2e/x",
                "/%2E%2e",
                "/.%2e/",
                "/%2e/",
                "/a%2Fb",
                "/a%2fb",
                "/a%5Cb",
                "/a%5cb",
                "/a\\b",
                "/a\u0000b",
                "/a%00b",
                "/a%0Ab",
                "/a%7F",
                "/%",
                "/%4",
                "/%zz",
                "/%C3%28",
                "/%FF",
                "/%E2%82",
                "relative",
                "",
                "/a\u0100"
            })
    void rejects(String raw) {
        assertThat(RequestPath.parse(raw)).isInstanceOf(RequestPath.Invalid.class);
    }

    @ParameterizedTest(name = "{0} has extension: {1}")
    @CsvSource({
        "/app.js,true",
        "/about,false",
        "/.env,false",
        "/v1.2,true",
        "/dir/,false",
        "/,false",
        "/a.,false"
    })
    void tellsWhetherTheLastSegmentHasAnExtension(String raw, boolean expected) {
        RequestPath path = ((RequestPath.Valid) RequestPath.parse(raw)).path();
        assertThat(path.hasExtension()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} re-encodes as {1}")
    @CsvSource({
        "/a%20b,/a%20b",
        "/%C3%BC,/%C3%BC",
        "/a+b/,/a+b/",
        "//evil.com,/evil.com",
        "/a?b,/a%3Fb"
    })
    void reEncodesForALocationThatCannotLeaveTheHost(String raw, String encoded) {
        RequestPath path = ((RequestPath.Valid) RequestPath.parse(raw.replace("?", "%3F"))).path();
        assertThat(path.encoded()).isEqualTo(encoded);
    }
}
