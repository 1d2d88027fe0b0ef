package dev.slipway.core.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpaModeResolveTest {

    @Test
    void autoIsAnSpaOnlyWhenIndexHtmlIsTheOnlyHtmlFile() {
        assertThat(SpaMode.AUTO.resolve(List.of("index.html", "assets/app.js"))).isTrue();
        assertThat(SpaMode.AUTO.resolve(List.of("index.html", "about.html"))).isFalse();
        assertThat(SpaMode.AUTO.resolve(List.of("index.html", "404.html"))).isFalse();
        assertThat(SpaMode.AUTO.resolve(List.of("index.html", "blog/index.html"))).isFalse();
        assertThat(SpaMode.AUTO.resolve(List.of("docs/index.html"))).isFalse();
        assertThat(SpaMode.AUTO.resolve(List.of("app.js"))).isFalse();
    }

    @Test
    void explicitModesWinOverTheFiles() {
        assertThat(SpaMode.TRUE.resolve(List.of("index.html", "about.html"))).isTrue();
        assertThat(SpaMode.FALSE.resolve(List.of("index.html"))).isFalse();
    }
}
