package dev.slipway.proxy.accesslog;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The two places access-log lines go. */
public final class AccessLogSinks {

    private AccessLogSinks() {}

    /** One JSON line per request on a stream (standard output for the standalone proxy). */
    public static AccessLog.Sink stream(OutputStream out) {
        BufferedWriter writer =
                new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        return new AccessLog.Sink() {
            @Override
            public void write(List<String> lines) throws Exception {
                for (String line : lines) {
                    writer.write(line);
                    writer.write('\n');
                }
            }

            @Override
            public void flush() throws Exception {
                writer.flush();
            }
        };
    }

    /**
     * Each line at INFO on the logger {@code dev.slipway.proxy.access}, for an embedding program.
     */
    public static AccessLog.Sink slf4j() {
        Logger logger = LoggerFactory.getLogger("dev.slipway.proxy.access");
        return lines -> {
            if (logger.isInfoEnabled()) {
                for (String line : lines) {
                    logger.info(line);
                }
            }
        };
    }
}
