package dev.slipway.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.deployment.DeploymentStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventJsonReaderTest {

    private static final Instant TS = Instant.parse("2026-11-27T20:30:01.123Z");

    private static List<LogEvent> everyKind() {
        return List.of(
                LogEvent.line(1, TS, Phase.BUILD, OutputStream.STDOUT, "vite v5.4.0 building"),
                LogEvent.line(2, TS, Phase.INSTALL, OutputStream.STDERR, ""),
                LogEvent.piece(3, TS, Phase.CLONE, OutputStream.STDOUT, "Receiving 42%", true),
                LogEvent.piece(4, TS, Phase.CLONE, OutputStream.STDOUT, "Receiving 43%", false),
                LogEvent.progress(5, TS, Phase.UPLOAD, "Uploading 3/40", 3, 40),
                LogEvent.status(
                        6, Instant.parse("2026-11-27T20:30:02Z"), DeploymentStatus.BUILDING),
                LogEvent.ready(7, TS, "http://demo.localhost:8000/"),
                LogEvent.ready(8, TS, null),
                LogEvent.failed(9, TS, "npm run build exited with 1: \"oops\"\n"),
                LogEvent.canceled(10, TS, null),
                LogEvent.line(Long.MAX_VALUE, TS, Phase.PUBLISH, OutputStream.SYSTEM, "é ✓ 😀"));
    }

    @Test
    void readsWhatTheWritersWriteWithoutGsonAndAsGsonDoes() {
        for (LogEvent e : everyKind()) {
            String json = e.toJson();
            LogEvent fast = Objects.requireNonNull(EventJsonReader.read(json), json);
            assertThat(fast).isEqualTo(e);
            assertThat(fast).isEqualTo(LogEvent.fromJsonWithGson(json));
            assertThat(fast.toJson()).isEqualTo(json);
        }
    }

    @Test
    void anyLineSurvivesTheRoundTripAsGsonReadsIt() {
        Random random = new Random(20261203);
        String alphabet = "ab \"\\/\n\r\t\b\f\u0000\u001b\u007f\u2028\u2029é✓{}[]:,\ud83d\ude00";
        for (int n = 0; n < 2_000; n++) {
            StringBuilder line = new StringBuilder();
            int length = random.nextInt(40);
            for (int k = 0; k < length; k++) {
                line.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            LogEvent e = LogEvent.line(n, TS, Phase.BUILD, OutputStream.STDERR, line.toString());
            String json = e.toJson();
            LogEvent fast = EventJsonReader.read(json);
            assertThat(fast).as(json).isEqualTo(e).isEqualTo(LogEvent.fromJsonWithGson(json));
        }
    }

    @Test
    void leavesToGsonWhatItWouldNotReadTheSameWay() {
        List<String> declined = new ArrayList<>();
        declined.add("{\"seq\":\"5\",\"ts\":\"2026-11-27T20:30:01.123Z\",\"type\":\"log\"}");
        declined.add("{\"seq\":5,\"ts\":\"2026-11-27T20:30:01.123456Z\",\"type\":\"log\"}");
        declined.add(
                "{\"seq\":5,\"ts\":\"2026-11-27T20:30:01Z\",\"type\":\"log\",\"extra\":[1,2]}");
        declined.add("{\"seq\":5,\"ts\":\"2026-11-27T20:30:01Z\",\"type\":\"log\",\"cont\":false}");
        declined.add(
                "{\"seq\":5,\"ts\":\"2026-11-27T20:30:01Z\",\"type\":\"log\",\"phase\":\"BUILD\"}");
        declined.add("{\"seq\":5.0,\"ts\":\"2026-11-27T20:30:01Z\",\"type\":\"log\"}");
        declined.add("{'seq':5,'ts':'2026-11-27T20:30:01Z','type':'log'}");
        declined.add("{\"se\\u0071\":5,\"ts\":\"2026-11-27T20:30:01Z\",\"type\":\"log\"}");
        for (String json : declined) {
            assertThat(EventJsonReader.read(json)).as(json).isNull();
            assertThat(LogEvent.fromJson(json)).isEqualTo(LogEvent.fromJsonWithGson(json));
        }
        assertThat(LogEvent.fromJson(declined.get(1)).ts())
                .isEqualTo(Instant.parse("2026-11-27T20:30:01.123456Z"));
    }

    @Test
    void readsAnyOrderAndSpacingAsGsonDoes() {
        String json =
                " {\n  \"line\" : \"x\\u0041\" ,\"type\":\"log\", \"stream\":\"stdout\",\"phase\":\"install\","
                        + "\"url\":null,\"ts\":\"2026-11-27T20:30:01.120Z\",\"seq\":-3 }\n";
        LogEvent fast = Objects.requireNonNull(EventJsonReader.read(json), json);
        assertThat(fast).isEqualTo(LogEvent.fromJsonWithGson(json));
        assertThat(fast.line()).isEqualTo("xA");
        assertThat(fast.seq()).isEqualTo(-3);
    }

    @Test
    void leavesBrokenTextToGsonsErrors() {
        for (String json :
                List.of(
                        "",
                        "{}",
                        "{\"seq\":1}",
                        "{\"seq\":1,\"ts\":\"2026-11-27T20:30:01Z\",\"type\":\"status\"}",
                        "{\"seq\":1,\"ts\":\"2026-11-27T20:30:01Z\",\"type\":\"log\"",
                        "{\"seq\":1,\"ts\":\"2026-11-27T20:30:01Z\",\"type\":\"log\"} trailing",
                        "{\"seq\":1,\"ts\":\"yesterday\",\"type\":\"log\"}",
                        "{\"seq\":1,\"ts\":\"2026-11-27T20:30:01Z\",\"type\":\"log\",\"line\":\"\\x\"}")) {
            assertThat(EventJsonReader.read(json)).as(json).isNull();
        }
    }
}
