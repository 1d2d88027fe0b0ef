package dev.slipway.proxy.accesslog;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The two places access-log lines go. */
public final class AccessLogSinks {

    private AccessLogSinks() {}

    /** One JSON line per request on a stream (standard output for the standalone proxy). */
    public static AccessLog.Sink stream(OutputStream out) {
        return new AccessLog.Sink() {
            @Override
            public void write(List<String> lines) throws Exception {
                for (String line : lines) {
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws Exception {
                out.write(bytes, offset, length);
            }

            @Override
            public void flush() throws Exception {
                out.flush();
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
