package dev.slipway.core.deployment;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One file of a deployment: its content hash, size, the type it is served with, and the
 * precompressed variants stored beside its blob ({@code encodings}: {@code "br"}, {@code "gzip"},
 * as {@code Content-Encoding} tokens). An empty list means none is stored, so the proxy never
 * probes the bucket for a variant; {@code null} means unknown (a manifest written before {@code
 * encodings} existed), where a reader may probe.
 */
public record FileEntry(
        String sha256, long size, String contentType, @Nullable List<String> encodings) {
    public FileEntry {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(contentType, "contentType");
        encodings = encodings == null ? null : List.copyOf(encodings);
    }

    /**
     * A file whose stored variants are not known (read as a manifest without {@code encodings}).
     */
    public FileEntry(String sha256, long size, String contentType) {
        this(sha256, size, contentType, null);
    }

    /** Whether the stored variants are known (the manifest lists them). */
    public boolean encodingsKnown() {
        return encodings != null;
    }

    /** Whether a variant with this {@code Content-Encoding} token is stored. */
    public boolean hasEncoding(String contentEncoding) {
        return encodings != null && encodings.contains(contentEncoding);
    }
}
