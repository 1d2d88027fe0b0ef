package dev.slipway.builder.project;

import com.google.gson.JsonParseException;
import dev.slipway.builder.storage.Bucket;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.Manifest;
import dev.slipway.core.json.Json;
import dev.slipway.core.project.ProjectRecord;
import dev.slipway.core.project.ProjectRecordUpdater;
import dev.slipway.core.project.Slug;
import dev.slipway.core.storage.ConditionalStore;
import dev.slipway.core.storage.StorageLayout;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads and writes project records and manifests in the bucket. */
public final class ProjectStore {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectStore.class);
    private static final String JSON = "application/json; charset=utf-8";

    private final Bucket bucket;
    private final ProjectRecordUpdater records;

    public ProjectStore(Bucket bucket) {
        this(bucket, bucket.conditional());
    }

    /** A store whose record writes go through {@code conditional} (tests hold writes there). */
    public ProjectStore(Bucket bucket, ConditionalStore conditional) {
        this.bucket = bucket;
        this.records = new ProjectRecordUpdater(conditional);
    }

    /** The compare-and-set writer of project records, the only way this program writes one. */
    public ProjectRecordUpdater records() {
        return records;
    }

    /** The project's record; empty when the project is new or its record is unreadable (logged). */
    public Optional<ProjectRecord> record(Slug project) {
        return bucket.get(StorageLayout.project(project))
                .flatMap(
                        bytes -> {
                            try {
                                return Optional.ofNullable(
                                        Json.documents()
                                                .fromJson(
                                                        new String(bytes, StandardCharsets.UTF_8),
                                                        ProjectRecord.class));
                            } catch (JsonParseException | NullPointerException e) {
                                LOG.warn(
                                        "The record of {} is not valid JSON; treating the project as new: {}",
                                        project,
                                        e.getMessage());
                                return Optional.empty();
                            }
                        });
    }

    public Optional<Manifest> manifest(Slug project, DeploymentId id) {
        return bucket.get(StorageLayout.manifest(project, id))
                .flatMap(
                        bytes -> {
                            try {
                                return Optional.ofNullable(
                                        Json.documents()
                                                .fromJson(
                                                        new String(bytes, StandardCharsets.UTF_8),
                                                        Manifest.class));
                            } catch (JsonParseException e) {
                                LOG.warn(
                                        "The manifest of {} is not valid JSON: {}",
                                        id,
                                        e.getMessage());
                                return Optional.empty();
                            }
                        });
    }

    public void writeManifest(Manifest manifest) {
        bucket.put(
                StorageLayout.manifest(Slug.of(manifest.project()), manifest.id()),
                bytes(Json.documents().toJson(manifest)),
                JSON);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
