package dev.slipway.builder.project;

import dev.slipway.core.log.LogProtocol;
import dev.slipway.core.project.Slug;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes the slug on {@code slipway:projects} (contract section 6). */
public final class RedisProjectNotifier implements ProjectNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(RedisProjectNotifier.class);

    private final RedisClient client;

    public RedisProjectNotifier(RedisClient client) {
        this.client = client;
    }

    @Override
    public boolean projectChanged(Slug project) {
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            c.setTimeout(Duration.ofSeconds(5));
            c.sync().publish(LogProtocol.PROJECTS_CHANNEL, project.value());
            return true;
        } catch (RedisException e) {
            LOG.warn(
                    "Cannot publish {} on {}: {}",
                    project,
                    LogProtocol.PROJECTS_CHANNEL,
                    e.getMessage());
            return false;
        }
    }
}
