package dev.slipway.proxy.cache;

import dev.slipway.core.deployment.FileEntry;
import dev.slipway.core.deployment.Manifest;
import java.util.HashMap;
import java.util.Map;

/** A deployment as the proxy serves it: its manifest's files indexed for lookups. */
public record Site(
        String project,
        String deploymentId,
        boolean ready,
        boolean spa,
        Map<String, FileEntry> files) {

    public static Site of(Manifest manifest) {
        return new Site(
                manifest.project(),
                manifest.deploymentId(),
                manifest.isReady(),
                manifest.isSpa(),
                Map.copyOf(new HashMap<>(manifest.files())));
    }

    /** A rough count of the bytes this index holds in memory, for the cache's bound. */
    public int estimatedBytes() {
        long bytes = 512;
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
