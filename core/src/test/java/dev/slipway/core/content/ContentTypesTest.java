package dev.slipway.core.content;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentTypesTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "index.html | text/html; charset=utf-8",
                "docs/INDEX.HTM | text/html; charset=utf-8",
                "assets/index-DsBhw8EC.js | text/javascript; charset=utf-8",
                "a.mjs | text/javascript; charset=utf-8",
                "assets/index-B1x2.css | text/css; charset=utf-8",
                "data.json | application/json; charset=utf-8",
                "app.js.map | application/json; charset=utf-8",
                "site.webmanifest | application/manifest+json; charset=utf-8",
                "robots.txt | text/plain; charset=utf-8",
                "sitemap.xml | application/xml; charset=utf-8",
                "logo.svg | image/svg+xml; charset=utf-8",
                "photo.JPG | image/jpeg",
                "img.webp | image/webp",
                "favicon.ico | image/x-icon",
                "font.woff2 | font/woff2",
                "module.wasm | application/wasm",
                "README | application/octet-stream",
                "file.unknownext | application/octet-stream",
                "trailing. | application/octet-stream",
                ".well-known/security.txt | text/plain; charset=utf-8"
            })
    void mapsExtensionsToTypes(String path, String expected) {
        assertThat(ContentTypes.forPath(path)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "text/html; charset=utf-8, true",
        "text/javascript; charset=utf-8, true",
        "application/json; charset=utf-8, true",
        "image/svg+xml; charset=utf-8, true",
        "application/wasm, true",
        "font/ttf, true",
        "image/png, false",
        "image/jpeg, false",
        "font/woff2, false",
        "application/zip, false",
        "video/mp4, false",
        "application/octet-stream, false"
    })
    void knowsWhichTypesCompress(String type, boolean compressible) {
        assertThat(ContentTypes.isCompressible(type)).isEqualTo(compressible);
    }
}
