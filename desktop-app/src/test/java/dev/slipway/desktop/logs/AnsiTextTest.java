package dev.slipway.desktop.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.desktop.logs.AnsiText.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnsiTextTest {

    @Test
    void keepsPlainLineAsOneUnstyledSpan() {
        assertThat(AnsiText.parse("hello"))
                .containsExactly(new Span("hello", null, false, false, false, false));
    }

    @Test
    void readsViteStyleColoursAndResets() {
        List<Span> spans =
                AnsiText.parse("\u001b[32m✓\u001b[39m \u001b[1mbuilt\u001b[22m in 120ms");
        assertThat(spans).extracting(Span::text).containsExactly("✓", " ", "built", " in 120ms");
        assertThat(spans.get(0).color()).isEqualTo("ansi-2");
        assertThat(spans.get(1).color()).isNull();
        assertThat(spans.get(2).bold()).isTrue();
        assertThat(spans.get(3).bold()).isFalse();
    }

    @Test
    void readsBrightTwoFiftySixAndTrueColour() {
        assertThat(AnsiText.parse("\u001b[91mx").get(0).color()).isEqualTo("ansi-9");
        assertThat(AnsiText.parse("\u001b[38;5;196mx").get(0).color()).isEqualTo("#ff0000");
        assertThat(AnsiText.parse("\u001b[38;2;1;2;3mx").get(0).color()).isEqualTo("#010203");
        assertThat(AnsiText.parse("\u001b[38;5;244mx").get(0).color()).isEqualTo("#808080");
    }

    @Test
    void stripsEveryEscapeIncludingCursorMovesAndHyperlinks() {
        String raw =
                "\u001b[2K\u001b[1G\u001b[31mnpm ERR!\u001b[0m \u001b]8;;https://x.dev\u0007link\u001b]8;;\u0007";
        assertThat(AnsiText.strip(raw)).isEqualTo("npm ERR! link");
        assertThat(AnsiText.parse(raw)).extracting(Span::text).containsExactly("npm ERR!", " link");
    }

    @Test
    void dropsCharsetDesignationsWhole() {
        // tput sgr0 prints ESC ( B after the reset; only the escape's first letter was dropped.
        String raw = "\u001b[1mbuilt\u001b(B\u001b[m in 2 s\u001b)0";
        assertThat(AnsiText.strip(raw)).isEqualTo("built in 2 s");
        assertThat(AnsiText.parse(raw)).extracting(Span::text).containsExactly("built", " in 2 s");
    }

    @Test
    void returnsSameStringWhenNothingToStrip() {
        String s = "plain";
        assertThat(AnsiText.strip(s)).isSameAs(s);
    }
}
