package dev.slipway.core.storage;

import java.io.IOException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The bucket's conditional reads and writes, as each program's S3 client offers them: a read
 * returns the object's ETag, and a write succeeds only if the object is still the one read ({@code
 * If-Match}) or, for a create, still absent ({@code If-None-Match: *}). Used for the project record
 * (contract section 4), whose every writer goes through {@link
 * dev.slipway.core.project.ProjectRecordUpdater}.
 */
public interface ConditionalStore {

    /** An object's bytes with the ETag they were read at. */
    record Versioned(byte[] bytes, String etag) {}

    /** The object at {@code key}, or empty when there is none. */
    Optional<Versioned> read(String key) throws IOException;

    /**
     * Writes {@code bytes} at {@code key} if the object's ETag is still {@code expectedEtag}, or,
     * when {@code expectedEtag} is {@code null}, if there is no object yet.
     *
     * @return false when the precondition failed (HTTP 412, or 409 for a concurrent write): the
     *     caller reads again and retries
     */
    boolean write(String key, byte[] bytes, @Nullable String expectedEtag) throws IOException;

    /**
     * Deletes the object at {@code key} if its ETag is still {@code expectedEtag}.
     *
     * @return false when the precondition failed
     */
    boolean delete(String key, String expectedEtag) throws IOException;
}
