package dev.slipway.core.log;

import dev.slipway.core.deployment.DeploymentId;
import java.time.Duration;

/** The Redis names of the log protocol (contract section 6). */
public final class LogProtocol {

    /** The stream field holding one log event as JSON. */
    public static final String EVENT_FIELD = "e";

    /** Approximate cap on a stream's length ({@code XADD … MAXLEN ~ 100000}). */
    public static final long MAX_STREAM_LENGTH = 100_000;

    /** How long a stream lives after its terminal event. */
    public static final Duration RETENTION = Duration.ofDays(7);

    /** The pub/sub channel on which a project's slug is published after its record changes. */
    public static final String PROJECTS_CHANNEL = "slipway:projects";

    /** The {@code seq} of events written by a launcher rather than the builder. */
    public static final long LAUNCHER_SEQ = 0;

    private static final String STREAM_PREFIX = "slipway:logs:";

    private LogProtocol() {}

    /** {@code slipway:logs:<deploymentId>}. */
    public static String streamKey(DeploymentId id) {
        return STREAM_PREFIX + id.value();
    }
}
