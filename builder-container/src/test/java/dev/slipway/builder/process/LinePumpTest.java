package dev.slipway.builder.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinePumpTest {

    private static List<String> pump(byte[] bytes) {
        List<String> lines = new ArrayList<>();
        new LinePump(new ByteArrayInputStream(bytes), (text, more) -> lines.add(text)).run();
        return lines;
    }

    /** Each piece with whether it was marked as continued. */
    private static List<Boolean> continued(byte[] bytes) {
        List<Boolean> marks = new ArrayList<>();
        new LinePump(new ByteArrayInputStream(bytes), (text, more) -> marks.add(more)).run();
        return marks;
    }

    @Test
    void splitsLinesDropsCrAndKeepsLastLineWithoutNewline() {
        assertThat(pump("a\r\nb\n\nc".getBytes(StandardCharsets.UTF_8)))
                .containsExactly("a", "b", "", "c");
    }

    @Test
    void replacesInvalidUtf8WithoutLosingTheLine() {
        assertThat(pump(new byte[] {'o', 'k', (byte) 0xC3, '\n', 'n', 'e', 'x', 't', '\n'}))
                .containsExactly("ok\uFFFD", "next");
    }

    @Test
    void cutsOverlongLinesIntoWholeCharacterPiecesLosingNothing() {
        String euro = "\u20ac"; // 3 bytes in UTF-8, so pieces of 1 MiB would split one without care
        String longLine = euro.repeat(LinePump.MAX_LINE_BYTES / 3 * 2 + 5);
        List<String> lines = pump((longLine + "\nend\n").getBytes(StandardCharsets.UTF_8));
        assertThat(lines).hasSize(4);
        assertThat(String.join("", lines.subList(0, 3))).isEqualTo(longLine);
        assertThat(lines.subList(0, 3)).allMatch(l -> !l.contains("\uFFFD"));
        assertThat(lines.get(3)).isEqualTo("end");
        assertThat(continued((longLine + "\nend\n").getBytes(StandardCharsets.UTF_8)))
                .as("every piece but the last of the long line is marked")
                .containsExactly(true, true, false, false);
    }

    @Test
    void aLineOfExactlyTheLimitIsOneUnmarkedEvent() {
        String exact = "x".repeat(LinePump.MAX_LINE_BYTES);
        assertThat(continued((exact + "\n").getBytes(StandardCharsets.UTF_8)))
                .containsExactly(false);
    }
}
