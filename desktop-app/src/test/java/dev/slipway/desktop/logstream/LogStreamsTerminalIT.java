package dev.slipway.desktop.logstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.log.LogProtocol;
import dev.slipway.core.log.OutputStream;
import dev.slipway.core.log.Phase;
import dev.slipway.testing.RedisServerExtension;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A stream's terminal event, found from its tail in one request however long the log is. */
class LogStreamsTerminalIT {

    @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

    private static LogEvent line(long seq) {
        return LogEvent.line(seq, Instant.now(), Phase.BUILD, OutputStream.STDOUT, "line " + seq);
    }

    @Test
    void theTerminalEventEndsALongLog() {
        DeploymentId id = DeploymentId.newId();
        try (LogStreams streams = new LogStreams(redis.url(), "start the test Redis")) {
            for (long seq = 1; seq <= 500; seq++) {
                streams.append(id, line(seq));
            }
            assertThat(streams.terminal(id)).as("a stream still being written").isEmpty();
            streams.append(id, LogEvent.ready(501, Instant.now(), "http://demo.localhost/"));
            assertThat(streams.terminal(id))
                    .hasValueSatisfying(
                            e -> {
                                assertThat(e.status()).isEqualTo(DeploymentStatus.READY);
                                assertThat(e.seq()).isEqualTo(501);
                            });
        }
    }

    @Test
    void theFirstOfTwoTerminalEventsIsTheStreamsEnd() {
        DeploymentId id = DeploymentId.newId();
        try (LogStreams streams = new LogStreams(redis.url(), "start the test Redis")) {
            streams.append(id, line(1));
            // A launcher ended it; the builder, judged dead, still wrote a line and its READY.
            streams.append(
                    id,
                    LogEvent.failed(LogProtocol.LAUNCHER_SEQ, Instant.now(), "The builder died."));
            streams.append(id, line(2));
            streams.append(id, LogEvent.ready(3, Instant.now(), null));
            assertThat(streams.terminal(id))
                    .hasValueSatisfying(
                            e -> assertThat(e.status()).isEqualTo(DeploymentStatus.FAILED));
        }
    }

    @Test
    void noStreamHasNoTerminalEvent() {
        try (LogStreams streams = new LogStreams(redis.url(), "start the test Redis")) {
            assertThat(streams.terminal(DeploymentId.newId())).isEmpty();
        }
    }
}
