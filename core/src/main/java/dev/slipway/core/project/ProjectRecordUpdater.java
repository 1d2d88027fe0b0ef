package dev.slipway.core.project;

import dev.slipway.core.json.Json;
import dev.slipway.core.storage.ConditionalStore;
import dev.slipway.core.storage.StorageLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one way to change {@code projects/<project>.json}: read it with its ETag, apply a change, and
 * write the result with compare-and-set ({@code If-Match}, or {@code If-None-Match: *} to create);
 * on a conflict, read again and apply the change to the fresh record (contract section 4). Every
 * writer (the builder's publish, rollback, promote, settings, env, remove) uses it, so two writers
 * never lose each other's change.
 */
public final class ProjectRecordUpdater {

    /** How often a change is retried against a fresh read before giving up. */
    public static final int MAX_ATTEMPTS = 16;

    private final ConditionalStore store;

    public ProjectRecordUpdater(ConditionalStore store) {
        this.store = store;
    }

    /** What a writer wants done with the record it read. */
    public sealed interface Change permits Change.Keep, Change.Put, Change.Delete {
        /** Leave the record as it is (the change does not apply, e.g. an older build). */
        record Keep() implements Change {}

        /** Write this record. */
        record Put(ProjectRecord record) implements Change {}

        /** Delete the record. */
        record Delete() implements Change {}

        static Change keep() {
            return new Keep();
        }

        static Change put(ProjectRecord record) {
            return new Put(record);
        }

        static Change delete() {
            return new Delete();
        }
    }

    /** Thrown when the record kept changing under every attempt. */
    public static final class ConflictException extends IOException {
        public ConflictException(Slug project, int attempts) {
            super(
                    "The record of project '"
                            + project
                            + "' changed under "
                            + attempts
                            + " attempts to update it; try again.");
        }
    }

    /**
     * Applies {@code change} to the current record (empty when the project has none) and stores the
     * result with compare-and-set, retrying from a fresh read on a conflict. {@code change} may be
     * called several times and must not have side effects; it may throw to refuse (for example an
     * ownership rule), which ends the update without a write.
     *
     * @return the record as it is after the update (empty when there is none)
     */
    public Optional<ProjectRecord> update(
            Slug project, Function<Optional<ProjectRecord>, Change> change) throws IOException {
        String key = StorageLayout.project(project);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<ConditionalStore.Versioned> read = store.read(key);
            Optional<ProjectRecord> current = read.map(ProjectRecordUpdater::parse);
            String etag = read.map(ConditionalStore.Versioned::etag).orElse(null);
            Change decided = change.apply(current);
            if (decided instanceof Change.Keep) {
                return current;
            }
            if (decided instanceof Change.Put put) {
                byte[] bytes =
                        Json.documents().toJson(put.record()).getBytes(StandardCharsets.UTF_8);
                if (store.write(key, bytes, etag)) {
                    return Optional.of(put.record());
                }
            } else if (decided instanceof Change.Delete) {
                if (etag == null || store.delete(key, etag)) {
                    return Optional.empty();
                }
            }
        }
        throw new ConflictException(project, MAX_ATTEMPTS);
    }

    /** The current record, without its version. */
    public Optional<ProjectRecord> read(Slug project) throws IOException {
        return store.read(StorageLayout.project(project)).map(ProjectRecordUpdater::parse);
    }

    private static ProjectRecord parse(ConditionalStore.Versioned v) {
        return Json.documents()
                .fromJson(new String(v.bytes(), StandardCharsets.UTF_8), ProjectRecord.class);
    }
}
