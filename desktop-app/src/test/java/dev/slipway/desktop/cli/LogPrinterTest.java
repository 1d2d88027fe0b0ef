package dev.slipway.desktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.log.OutputStream;
import dev.slipway.core.log.Phase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogPrinterTest {

    private static final String GREEN = "\u001B[32mcompiled\u001B[0m in 1.2s";

    private static String print(boolean interactive, LogEvent... events) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Terminal terminal = new Terminal(out, out, interactive);
        try (LogPrinter printer = new LogPrinter(terminal, out, true)) {
            for (LogEvent e : events) {
                printer.print(e);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static final LogEvent[] BUILD = {
        LogEvent.status(0, Instant.now(), DeploymentStatus.QUEUED),
        LogEvent.status(3, Instant.now(), DeploymentStatus.BUILDING),
        LogEvent.line(4, Instant.now(), Phase.BUILD, OutputStream.STDOUT, GREEN),
        LogEvent.progress(5, Instant.now(), Phase.UPLOAD, "Uploaded 1 of 2 blobs", 1, 2),
        LogEvent.failed(6, Instant.now(), "npm run build exited with 1"),
    };

    @Test
    void printsPlainLinesWithoutEscapesWhenPiped() {
        String out = print(false, BUILD);
        assertThat(out)
                .isEqualTo(
                        String.join(
                                "\n",
                                "-- QUEUED",
                                "-- BUILDING",
                                "compiled in 1.2s",
                                "Uploaded 1 of 2 blobs",
                                "-- FAILED: npm run build exited with 1",
                                ""));
    }

    @Test
    void keepsTheBuildsColoursAndDrawsAPhaseLineAndProgressBarOnATerminal() {
        String out = print(true, BUILD);
        assertThat(out).contains(GREEN + "\n");
        assertThat(out).contains("\r\u001B[2K").contains("Building");
        assertThat(out).contains("Uploading").doesNotContain("Uploaded 1 of 2 blobs\n");
        assertThat(out).contains("-- FAILED: npm run build exited with 1\n");
    }

    @Test
    void stripsColoursCursorMovesAndTitles() {
        assertThat(Terminal.strip("\u001B[1;31merror\u001B[0m \u001B[2K\u001B]0;title\u0007done"))
                .isEqualTo("error done");
        assertThat(Terminal.strip("plain")).isEqualTo("plain");
    }
}
