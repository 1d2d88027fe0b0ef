package dev.slipway.builder.upload;

import dev.slipway.core.deployment.FileEntry;
import java.util.Map;

/**
 * What the upload did.
 *
 * @param files every published path with its blob
 * @param uploadedBlobs blobs written because the bucket lacked them
 * @param reusedBlobs blobs the bucket had already
 * @param uploadedBytes bytes of the blobs written, variants included
 */
public record UploadResult(
        Map<String, FileEntry> files, int uploadedBlobs, int reusedBlobs, long uploadedBytes) {}
