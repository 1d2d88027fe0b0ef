package dev.slipway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisServerExtensionIT {

    @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

    @Test
    void addsToAndReadsAStreamThroughLettuce() {
        RedisCommands<String, String> cmd = redis.connection().sync();
        String first = cmd.xadd("slipway:logs:test", Map.of("e", "{\"seq\":1}"));
        cmd.xadd("slipway:logs:test", Map.of("e", "{\"seq\":2}"));
        List<StreamMessage<String, String>> read =
                cmd.xread(
                        XReadArgs.Builder.count(10),
                        XReadArgs.StreamOffset.from("slipway:logs:test", "0"));
        assertThat(read)
                .extracting(m -> m.getBody().get("e"))
                .containsExactly("{\"seq\":1}", "{\"seq\":2}");
        assertThat(read.get(0).getId()).isEqualTo(first);
        assertThat(redis.url()).startsWith("redis://127.0.0.1:");
    }

    @Test
    void restartsEmptyOnTheSamePort() throws Exception {
        redis.connection().sync().set("k", "v");
        int port = redis.port();
        redis.stop();
        redis.start();
        assertThat(redis.port()).isEqualTo(port);
        assertThat(redis.connection().sync().get("k")).isNull();
    }
}
