package dev.slipway.desktop.storage;

/**
 * Hears how far an upload has come (a folder's archive, {@code sources/<project>/<id>.tar.gz}, in
 * AWS mode): called on the uploading thread with the bytes the client has read so far, from 0 up to
 * {@code total}, and from 0 again (a call with 0) each time the client reads the body anew: a
 * retry, or over plain HTTP the pass that computes the payload's SHA-256 before the one that sends.
 */
@FunctionalInterface
public interface UploadProgress {

    /** Hears nothing. */
    UploadProgress NONE = (sent, total) -> {};

    void sent(long bytes, long total);
}
