package dev.slipway.core.deployment;

import java.util.Objects;

/** One file of a deployment: its content hash, size and the type it is served with. */
public record FileEntry(String sha256, long size, String contentType) {
    public FileEntry {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(contentType, "contentType");
    }
}
