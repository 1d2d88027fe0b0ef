package dev.slipway.proxy.cache;

import dev.slipway.core.content.ContentTypes;
import dev.slipway.core.content.HashedNames;
import dev.slipway.core.deployment.FileEntry;
import dev.slipway.core.deployment.Manifest;
import dev.slipway.proxy.routing.SiteResolver;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A deployment as the proxy serves it: its manifest's files indexed for lookups, its base path and
 * routes compiled, and its {@code Last-Modified} (the deployment's {@code finishedAt}) formatted
 * once.
 *
 * @param lastModifiedSeconds epoch seconds of {@code finishedAt} (else {@code createdAt}); -1 if
 *     neither is known
 * @param lastModified the same as an HTTP date, or null
 */
public record Site(
        String project,
        String deploymentId,
        boolean ready,
        boolean spa,
        boolean preview,
        Map<String, FileEntry> files,
        SiteResolver resolver,
        long lastModifiedSeconds,
        String lastModified,
        ConcurrentHashMap<String, Headers> headers) {

    /**
     * What a file is always served with, worked out once per file of the deployment: {@code
     * Cache-Control} by whether its name carries a content hash, whether its type is compressible,
     * and its identity {@code ETag}.
     */
    public record Headers(String cacheControl, boolean compressible, String etag) {}

    /** The fixed headers of the manifest's file at {@code path}. */
    public Headers headersOf(String path, FileEntry entry) {
        Headers known = headers.get(path);
        if (known != null) {
            return known;
        }
        Headers made =
                new Headers(
                        HashedNames.isContentHashed(path) ? IMMUTABLE : REVALIDATE,
                        ContentTypes.isCompressible(entry.contentType()),
                        "\"" + entry.sha256() + "\"");
        headers.put(path, made);
        return made;
    }

    public static final String IMMUTABLE = "public, max-age=31536000, immutable";
    public static final String REVALIDATE = "public, max-age=0, must-revalidate";

    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    public static Site of(Manifest manifest) {
        Map<String, FileEntry> files = Map.copyOf(new HashMap<>(manifest.files()));
        Instant when = manifest.finishedAt() != null ? manifest.finishedAt() : manifest.createdAt();
        return new Site(
                manifest.project(),
                manifest.deploymentId(),
                manifest.isReady(),
                manifest.isSpa(),
                manifest.isPreview(),
                files,
                new SiteResolver(files, manifest.isSpa(), manifest.basePath(), manifest.routes()),
                when == null ? -1 : when.getEpochSecond(),
                when == null ? null : HTTP_DATE.format(when.atOffset(ZoneOffset.UTC)),
                new ConcurrentHashMap<>());
    }

    /** A rough count of the bytes this index holds in memory, for the cache's bound. */
    public int estimatedBytes() {
        long bytes = 1024;
        for (Map.Entry<String, FileEntry> e : files.entrySet()) {
            bytes +=
                    2L * e.getKey().length()
                            + 2L * e.getValue().contentType().length()
                            + 64
                            + 128
                            + 80;
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }
}
