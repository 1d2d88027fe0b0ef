package dev.slipway.builder.logstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.log.LogEvent;
import dev.slipway.core.log.OutputStream;
import dev.slipway.core.log.Phase;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast writer must produce exactly what LogEvent.toJson() (Gson) produces. */
class EventJsonTest {

    private final EventJson json = new EventJson();

    @Test
    void matchesGsonForEveryKindOfEvent() {
        Instant ts = Instant.parse("2026-11-27T20:30:01.123Z");
        List<LogEvent> events =
                List.of(
                        LogEvent.line(
                                1,
                                ts,
                                Phase.INSTALL,
                                OutputStream.STDERR,
                                "npm warn deprecated \"x\" <y> & 'z' \\ é 😀"),
                        LogEvent.line(
                                2,
                                Instant.parse("2026-11-27T20:30:01Z"),
                                Phase.BUILD,
                                OutputStream.STDOUT,
                                "\u001b[32mok\u001b[0m\t\r\b\f\u0000\u2028\u2029\uFFFD"),
                        LogEvent.progress(3, ts, Phase.UPLOAD, "Uploaded 1 of 2 blobs", 1, 2),
                        LogEvent.piece(
                                3, ts, Phase.BUILD, OutputStream.STDOUT, "x".repeat(9), true),
                        LogEvent.piece(3, ts, Phase.BUILD, OutputStream.STDOUT, "end", false),
                        LogEvent.status(
                                4, ts, dev.slipway.core.deployment.DeploymentStatus.BUILDING),
                        LogEvent.ready(5, ts, "http://demo.localhost:8000/"),
                        LogEvent.ready(5, ts, null),
                        LogEvent.failed(6, ts, "npm run build exited with 1"),
                        LogEvent.canceled(7, ts, "The build was canceled (SIGTERM)."));
        for (LogEvent e : events) {
            assertThat(json.write(e)).isEqualTo(e.toJson());
        }
    }

    @Test
    void matchesGsonForRandomLines() {
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            StringBuilder line = new StringBuilder();
            for (int j = random.nextInt(40); j > 0; j--) {
                line.append(
                        (char)
                                (random.nextBoolean()
                                        ? random.nextInt(0x80)
                                        : random.nextInt(0x3000)));
            }
            LogEvent e =
                    LogEvent.line(
                            i,
                            Instant.ofEpochMilli(random.nextLong(4_000_000_000_000L)),
                            Phase.BUILD,
                            OutputStream.STDOUT,
                            line.toString());
            assertThat(json.write(e)).isEqualTo(e.toJson());
        }
    }
}
