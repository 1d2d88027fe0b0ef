package dev.slipway.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class LogEventTest {

    private static final Instant TS = Instant.parse("2026-11-27T20:30:01.123456Z");

    @Test
    void writesALogLineAsTheContractShows() {
        LogEvent e =
                LogEvent.line(7, TS, Phase.INSTALL, OutputStream.STDERR, "npm warn deprecated …");
        JsonObject json = JsonParser.parseString(e.toJson()).getAsJsonObject();
        assertThat(json)
                .isEqualTo(
                        JsonParser.parseString(
                                "{\"seq\":7,\"ts\":\"2026-11-27T20:30:01.123Z\",\"type\":\"log\",\"phase\":\"install\","
                                        + "\"stream\":\"stderr\",\"line\":\"npm warn deprecated …\"}"));
    }

    @Test
    void writesStatusEventsAsTheContractShows() {
        assertThat(
                        JsonParser.parseString(
                                LogEvent.status(8, TS, DeploymentStatus.BUILDING).toJson()))
                .isEqualTo(
                        JsonParser.parseString(
                                "{\"seq\":8,\"ts\":\"2026-11-27T20:30:01.123Z\",\"type\":\"status\",\"status\":\"BUILDING\"}"));
        assertThat(
                        JsonParser.parseString(
                                LogEvent.ready(42, TS, "http://demo.localhost:8000/").toJson()))
                .isEqualTo(
                        JsonParser.parseString(
                                "{\"seq\":42,\"ts\":\"2026-11-27T20:30:01.123Z\",\"type\":\"status\",\"status\":\"READY\",\"url\":\"http://demo.localhost:8000/\"}"));
        assertThat(
                        JsonParser.parseString(
                                LogEvent.failed(42, TS, "npm run build exited with 1").toJson()))
                .isEqualTo(
                        JsonParser.parseString(
                                "{\"seq\":42,\"ts\":\"2026-11-27T20:30:01.123Z\",\"type\":\"status\",\"status\":\"FAILED\",\"error\":\"npm run build exited with 1\"}"));
    }

    @Test
    void roundTripsEveryKindOfEvent() {
        for (LogEvent e :
                new LogEvent[] {
                    LogEvent.line(
                            1,
                            TS,
                            Phase.BUILD,
                            OutputStream.STDOUT,
                            "\u001b[32m✓\u001b[39m built in 1.2s"),
                    LogEvent.progress(2, TS, Phase.UPLOAD, "Uploaded 3 of 10 files", 3, 10),
                    LogEvent.status(0, TS, DeploymentStatus.QUEUED),
                    LogEvent.ready(3, TS, "http://demo.localhost:8000/"),
                    LogEvent.failed(3, TS, "boom"),
                    LogEvent.canceled(3, TS, "Canceled by the user")
                }) {
            assertThat(LogEvent.fromJson(e.toJson())).isEqualTo(e);
        }
    }

    @Test
    void keepsAnsiEscapesAndUnicodeIntact() {
        String line = "\u001b[1m\u001b[31mERROR\u001b[0m <script> ü 🚀";
        String json = LogEvent.line(1, TS, Phase.BUILD, OutputStream.STDERR, line).toJson();
        assertThat(json).doesNotContain("\n").contains("<script>");
        assertThat(LogEvent.fromJson(json).line()).isEqualTo(line);
    }

    @Test
    void onlyReadyFailedAndCanceledAreTerminal() {
        assertThat(
                        EnumSet.allOf(DeploymentStatus.class).stream()
                                .filter(DeploymentStatus::isTerminal))
                .containsExactlyInAnyOrder(
                        DeploymentStatus.READY, DeploymentStatus.FAILED, DeploymentStatus.CANCELED);
        assertThat(LogEvent.ready(1, TS, null).isTerminal()).isTrue();
        assertThat(LogEvent.status(1, TS, DeploymentStatus.UPLOADING).isTerminal()).isFalse();
        assertThat(LogEvent.line(1, TS, Phase.BUILD, OutputStream.STDOUT, "READY").isTerminal())
                .isFalse();
    }

    @Test
    void phasesAndStreamsUseTheContractsSpelling() {
        assertThat(EnumSet.allOf(Phase.class).stream().map(Phase::value))
                .containsExactly("launch", "clone", "install", "build", "upload", "publish");
        assertThat(EnumSet.allOf(OutputStream.class).stream().map(OutputStream::value))
                .containsExactly("stdout", "stderr", "system");
    }

    @Test
    void refusesTextThatIsNotAnEvent() {
        assertThatThrownBy(() -> LogEvent.fromJson("{\"seq\":1}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogEvent.fromJson("not json"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogEvent.status(1, TS, DeploymentStatus.FAILED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesTheRedisKeys() {
        assertThat(LogProtocol.streamKey(DeploymentId.of("01JD3Y7M2Q8ZK4T6V9W0XBCDEF")))
                .isEqualTo("slipway:logs:01JD3Y7M2Q8ZK4T6V9W0XBCDEF");
        assertThat(LogProtocol.EVENT_FIELD).isEqualTo("e");
        assertThat(LogProtocol.PROJECTS_CHANNEL).isEqualTo("slipway:projects");
        assertThat(LogProtocol.MAX_STREAM_LENGTH).isEqualTo(100_000);
        assertThat(LogProtocol.RETENTION.toDays()).isEqualTo(7);
    }
}
