package dev.slipway.core.content;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HashedNamesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "assets/index-DsBhw8EC.js",
                "assets/react-CHdo91hT.svg",
                "assets/index-B-a_1cDe.css",
                "assets/vendor-BxQzKfAa.js",
                "static/js/main.3f2a1b7c.js",
                "static/js/787.a1b2c3d4.chunk.js",
                "static/css/main.e6c13ad2.css",
                "static/media/logo.6ce24c58023cc2f8fd88fe9d219db6c6.svg",
                "_next/static/chunks/pages/index-abc.js",
                "_next/static/aB3dE5fG7hJ9kL1mN3pQ/_buildManifest.js",
                "_app/immutable/entry/start.js",
                "_astro/index.DfR3b-a1.css",
                "app-5a8f2c1e3b4d6f7a8b9c.js",
                "assets/js/main.1a2b3c4d.js",
                "/assets/index-DsBhw8EC.js"
            })
    void recognisesBundlerHashes(String path) {
        assertThat(HashedNames.isContentHashed(path)).as(path).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "my-component.css",
                "logo.svg",
                "index.html",
                "robots.txt",
                "favicon.ico",
                "jquery-3.7.1.min.js",
                "bootstrap.min.css",
                "react-dom.production.min.js",
                "fonts/OpenSans-SemiBold.ttf",
                "fonts/Roboto-Regular.woff2",
                "android-chrome-512x512.png",
                "build-20241127.js",
                "sitemap-index.xml",
                "manifest.webmanifest",
                "assets/readme",
                ".htaccess",
                "next/static/x.js"
            })
    void leavesOrdinaryNamesAlone(String path) {
        assertThat(HashedNames.isContentHashed(path)).as(path).isFalse();
    }
}
