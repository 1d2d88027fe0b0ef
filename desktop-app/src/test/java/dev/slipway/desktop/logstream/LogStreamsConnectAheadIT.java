package dev.slipway.desktop.logstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.log.OutputStream;
import dev.slipway.core.log.Phase;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.testing.FreePorts;
import dev.slipway.testing.RedisServerExtension;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared connection opened on another thread while the caller does its other work. */
class LogStreamsConnectAheadIT {

    @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

    private static LogEvent line(String text) {
        return LogEvent.line(1, Instant.now(), Phase.BUILD, OutputStream.STDOUT, text);
    }

    /** The connection made ahead is the one the commands use: one client connection, not two. */
    @Test
    void theCommandsUseTheConnectionMadeAhead() {
        DeploymentId id = DeploymentId.newId();
        long before = clients();
        try (LogStreams streams = new LogStreams(redis.url(), "start the test Redis")) {
            streams.connectAhead();
            streams.connectAhead();
            streams.append(id, line("ahead"));
            assertThat(streams.all(id)).extracting(e -> e.event().line()).containsExactly("ahead");
            assertThat(clients() - before).isEqualTo(1);
        }
    }

    /** Redis not there: the first command says so in one sentence, after one attempt. */
    @Test
    void aFailedConnectionAheadIsReportedByTheFirstCommand() {
        String nowhere = "redis://127.0.0.1:" + FreePorts.next();
        try (LogStreams streams = new LogStreams(nowhere, "start the test Redis")) {
            streams.connectAhead();
            assertThatThrownBy(() -> streams.exists(DeploymentId.newId()))
                    .isInstanceOf(SlipwayException.class)
                    .hasMessageContaining("does not answer")
                    .hasMessageContaining("start the test Redis");
        }
    }

    /** Closing while the connection is still being made leaves no connection open. */
    @Test
    void closingRightAfterConnectingAheadLeavesNoConnection() {
        long before = clients();
        LogStreams streams = new LogStreams(redis.url(), "start the test Redis");
        streams.connectAhead();
        streams.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> clients() == before);
    }

    /** Connected clients as Redis counts them, less the test's own connection. */
    private static long clients() {
        String info = redis.connection().sync().info("clients");
        for (String l : info.split("\r?\n")) {
            if (l.startsWith("connected_clients:")) {
                return Long.parseLong(l.substring("connected_clients:".length()).trim());
            }
        }
        throw new AssertionError("no connected_clients in " + info);
    }
}
