package dev.slipway.builder.upload;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the gzip and brotli variants of a compressible file, once, at deploy time, so the proxy
 * never compresses on the fly. A variant is kept only when it pays: gzip must save at least {@link
 * #MIN_SAVING} of the size, brotli must also be smaller than gzip.
 */
final class Precompressor {

    private static final Logger LOG = LoggerFactory.getLogger(Precompressor.class);

    /** Below this, compression saves less than the request costs. */
    static final int MIN_SIZE = 1024;

    /** Brotli quality: 11 compresses ~10% better but ~50 times slower, too slow for a deploy. */
    static final int BROTLI_QUALITY = 6;

    static final double MIN_SAVING = 0.05;

    private final boolean brotli;

    Precompressor() {
        boolean available;
        try {
            Brotli4jLoader.ensureAvailability();
            available = true;
        } catch (Throwable e) {
            LOG.warn(
                    "Brotli is not available on this platform ({}); only gzip variants are made",
                    e.toString());
            available = false;
        }
        this.brotli = available;
    }

    /** The variants worth storing. */
    record Variants(Optional<byte[]> gzip, Optional<byte[]> brotli) {}

    Variants compress(byte[] content) {
        if (content.length < MIN_SIZE) {
            return new Variants(Optional.empty(), Optional.empty());
        }
        long limit = (long) (content.length * (1 - MIN_SAVING));
        byte[] gz = gzip(content);
        Optional<byte[]> gzip = gz.length <= limit ? Optional.of(gz) : Optional.empty();
        Optional<byte[]> br = Optional.empty();
        if (brotli && gzip.isPresent()) {
            byte[] b = brotli(content);
            if (b.length < gz.length) {
                br = Optional.of(b);
            }
        }
        return new Variants(gzip, br);
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length / 3 + 64);
        try (GZIPOutputStream gz =
                new GZIPOutputStream(out, 8192) {
                    {
                        def.setLevel(Deflater.BEST_COMPRESSION);
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
