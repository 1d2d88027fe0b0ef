package dev.slipway.builder.upload;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the precompressed variants of a compressible file worth storing, once, at deploy time:
 * brotli, which the proxy cannot afford to make per request, for files of at least {@link
 * #MIN_SIZE}; gzip only for files above {@link #PROXY_GZIP_LIMIT}, which the proxy streams and so
 * cannot gzip itself. Smaller files get no stored variant: the proxy gzips them from the blob,
 * once, when a client asks (and browsers ask for brotli only over HTTPS); their gzip form fits in a
 * connection's first flight (TCP's initial window, ~14 KB) anyway, so brotli's extra 15-20 % would
 * save bytes but no round trip. A variant is kept only when it saves at least {@link #MIN_SAVING}
 * of the size. So a site of many small pages costs one PUT per file, and one compression per large
 * file only.
 */
final class Precompressor {

    private static final Logger LOG = LoggerFactory.getLogger(Precompressor.class);

    /**
     * Below this, a stored variant saves no round trip over the proxy's own gzip (see the class
     * comment), so none is made.
     */
    static final int MIN_SIZE = 32 * 1024;

    /**
     * The proxy keeps files up to this size in memory and gzips them from the blob when a manifest
     * lists no stored gzip (proxy-service {@code ProxyTuning}'s default); larger ones it streams as
     * stored, so they need their gzip variant here.
     */
    static final long PROXY_GZIP_LIMIT = 2L * 1024 * 1024;

    /**
     * Brotli quality: 5 compresses within 0.5 % of 6 at less than half its time (measured on the
     * upload benchmark's text); 11 compresses ~10 % better but ~50 times slower.
     */
    static final int BROTLI_QUALITY = 5;

    static final double MIN_SAVING = 0.05;

    /**
     * gzip's default level: level 9 is 2-3 times slower on text for about 1 % less, and the gzip
     * variant is only made for files over 2 MiB, where that time is seconds.
     */
    static final int GZIP_LEVEL = 6;

    private final boolean brotli;

    Precompressor() {
        boolean available;
        try {
            Brotli4jLoader.ensureAvailability();
            available = true;
        } catch (Throwable e) {
            LOG.warn(
                    "Brotli is not available on this platform ({}); only gzip variants of large files are made",
                    e.toString());
            available = false;
        }
        this.brotli = available;
    }

    /** The variants worth storing. */
    record Variants(Optional<byte[]> brotli, Optional<byte[]> gzip) {}

    Variants compress(byte[] content) {
        if (content.length < MIN_SIZE) {
            return new Variants(Optional.empty(), Optional.empty());
        }
        long limit = (long) (content.length * (1 - MIN_SAVING));
        Optional<byte[]> br = Optional.empty();
        if (brotli) {
            byte[] b = brotli(content);
            if (b.length <= limit) {
                br = Optional.of(b);
            }
        }
        Optional<byte[]> gzip = Optional.empty();
        if (content.length > PROXY_GZIP_LIMIT) {
            byte[] gz = gzip(content);
            if (gz.length <= limit) {
                gzip = Optional.of(gz);
            }
        }
        return new Variants(br, gzip);
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length / 3 + 64);
        try (GZIPOutputStream gz =
                new GZIPOutputStream(out, 8192) {
                    {
                        def.setLevel(GZIP_LEVEL);
                    }
                }) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] brotli(byte[] content) {
        Encoder.Parameters params =
                new Encoder.Parameters().setQuality(BROTLI_QUALITY).setMode(Encoder.Mode.TEXT);
        try {
            return Encoder.compress(content, params);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
