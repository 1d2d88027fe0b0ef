package dev.slipway.desktop.storage;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.Manifest;
import dev.slipway.core.json.Json;
import dev.slipway.core.project.ProjectRecord;
import dev.slipway.core.project.ProjectRecordUpdater;
import dev.slipway.core.project.Slug;
import dev.slipway.core.storage.StorageLayout;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.s3store.S3ConditionalStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The bucket of contract section 4, read and written as project records, manifests, log archives
 * and blobs. Every SDK failure is translated here, once, into a {@link SlipwayException} naming the
 * bucket and what to check.
 */
public final class BucketStore {

    /** An object's key and size, from a listing. */
    public record StoredObject(String key, long size) {}

    private final S3Client s3;
    private final String bucket;
    private final String where;
    private final String hint;

    /**
     * @param where how to name the storage in messages, e.g. "the bucket 'sites' in us-east-1"
     * @param hint what to do when it cannot be reached, e.g. "run slipway doctor"
     */
    public BucketStore(S3Client s3, String bucket, String where, String hint) {
        this.s3 = s3;
        this.bucket = bucket;
        this.where = where;
        this.hint = hint;
    }

    public String bucket() {
        return bucket;
    }

    /** Compare-and-set reads and writes on this bucket, for {@code ProjectRecordUpdater}. */
    public dev.slipway.core.storage.ConditionalStore conditional() {
        return new S3ConditionalStore(s3, bucket);
    }

    public Optional<ProjectRecord> project(Slug project) {
        return text(StorageLayout.project(project))
                .map(json -> parse(json, ProjectRecord.class, StorageLayout.project(project)));
    }

    /**
     * Changes a project's record with compare-and-set (contract section 4), the only way the app
     * and the CLI write one: {@code change} sees the record as it is at the moment of the write and
     * may be called again after a concurrent change.
     *
     * @return the record after the change (empty when there is none)
     */
    public Optional<ProjectRecord> updateProject(
            Slug project, Function<Optional<ProjectRecord>, ProjectRecordUpdater.Change> change) {
        try {
            return new ProjectRecordUpdater(new S3ConditionalStore(s3, bucket))
                    .update(project, change);
        } catch (ProjectRecordUpdater.ConflictException e) {
            throw SlipwayException.infrastructure(e.getMessage(), e);
        } catch (IOException e) {
            throw SlipwayException.infrastructure(
                    e.getMessage() + " in " + where + "; " + hint + ".", e);
        }
    }

    /** Every project record, by slug. */
    public List<ProjectRecord> projects() {
        List<ProjectRecord> out = new ArrayList<>();
        for (StoredObject o : list(StorageLayout.PROJECTS)) {
            Optional<Slug> slug = StorageLayout.projectOfRecordKey(o.key());
            if (slug.isPresent()) {
                project(slug.get()).ifPresent(out::add);
            }
        }
        return out;
    }

    public Optional<Manifest> manifest(Slug project, DeploymentId id) {
        String key = StorageLayout.manifest(project, id);
        return text(key).map(json -> parse(json, Manifest.class, key));
    }

    /** A project's manifests, newest first. */
    public List<Manifest> manifests(Slug project) {
        List<Manifest> out = new ArrayList<>();
        for (StoredObject o : list(StorageLayout.manifestsOf(project))) {
            Optional<DeploymentId> id = StorageLayout.deploymentIdOfManifestKey(o.key());
            if (id.isPresent()) {
                text(o.key()).map(json -> parse(json, Manifest.class, o.key())).ifPresent(out::add);
            }
        }
        out.sort((a, b) -> b.deploymentId().compareTo(a.deploymentId()));
        return out;
    }

    /** A project's newest manifest, reading only that one. */
    public Optional<Manifest> latestManifest(Slug project) {
        return list(StorageLayout.manifestsOf(project)).stream()
                .map(o -> StorageLayout.deploymentIdOfManifestKey(o.key()))
                .flatMap(Optional::stream)
                .max(DeploymentId::compareTo)
                .flatMap(id -> manifest(project, id));
    }

    /** The project whose log archive holds this deployment, if any. */
    public Optional<Slug> projectOfLog(DeploymentId id) {
        for (String prefix : prefixes(StorageLayout.LOGS)) {
            String name = prefix.substring(StorageLayout.LOGS.length(), prefix.length() - 1);
            if (Slug.isValid(name) && exists(StorageLayout.logArchive(Slug.of(name), id))) {
                return Optional.of(Slug.of(name));
            }
        }
        return Optional.empty();
    }

    /** The project whose manifests hold this deployment, if any. */
    public Optional<Slug> projectOfManifest(DeploymentId id) {
        for (String prefix : prefixes(StorageLayout.DEPLOYMENTS)) {
            String name = prefix.substring(StorageLayout.DEPLOYMENTS.length(), prefix.length() - 1);
            if (Slug.isValid(name) && exists(StorageLayout.manifest(Slug.of(name), id))) {
                return Optional.of(Slug.of(name));
            }
        }
        return Optional.empty();
    }

    public Optional<String> text(String key) {
        return call(
                "read " + key,
                () -> {
                    try {
                        ResponseBytes<GetObjectResponse> bytes =
                                s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
                        return Optional.of(bytes.asString(StandardCharsets.UTF_8));
                    } catch (NoSuchKeyException missing) {
                        return Optional.empty();
                    }
                });
    }

    /** Uploads a file (a folder's source archive). */
    public void putFile(String key, java.nio.file.Path file, String contentType) {
        putFile(key, file, contentType, UploadProgress.NONE);
    }

    /**
     * Uploads a file, telling {@code progress} how many of its bytes the client has read so far
     * (from 0 again when the SDK retries).
     */
    public void putFile(
            String key, java.nio.file.Path file, String contentType, UploadProgress progress) {
        long total;
        try {
            total = java.nio.file.Files.size(file);
        } catch (IOException e) {
            throw SlipwayException.infrastructure("Cannot read " + file + ": " + e.getMessage(), e);
        }
        progress.sent(0, total);
        RequestBody body =
                RequestBody.fromContentProvider(
                        () -> new CountingInput(file, total, progress), total, contentType);
        call(
                "upload " + key,
                () -> s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), body));
    }

    /** A file's bytes, counted as the client reads them. */
    private static final class CountingInput extends java.io.FilterInputStream {
        private final long total;
        private final UploadProgress progress;
        private long sent;

        CountingInput(java.nio.file.Path file, long total, UploadProgress progress) {
            super(open(file));
            this.total = total;
            this.progress = progress;
            // The client may read the body more than once (a retry; over plain HTTP, once for the
            // payload's SHA-256 and once to send it): each pass starts from 0 again, visibly.
            progress.sent(0, total);
        }

        private static java.io.InputStream open(java.nio.file.Path file) {
            try {
                return java.nio.file.Files.newInputStream(file);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) {
            sent += n;
            progress.sent(sent, total);
        }
    }

    public void putText(String key, String text, String contentType) {
        call(
                "write " + key,
                () ->
                        s3.putObject(
                                b -> b.bucket(bucket).key(key).contentType(contentType),
                                RequestBody.fromString(text, StandardCharsets.UTF_8)));
    }

    /**
     * Writes {@code text} at {@code key} only if nothing is there yet ({@code If-None-Match: *}).
     *
     * @return false when the object existed already
     */
    public boolean createIfAbsent(String key, String text, String contentType) {
        try {
            return new S3ConditionalStore(s3, bucket)
                    .write(key, text.getBytes(StandardCharsets.UTF_8), null);
        } catch (IOException e) {
            throw SlipwayException.infrastructure(
                    e.getMessage() + " in " + where + "; " + hint + ".", e);
        }
    }

    public boolean exists(String key) {
        return call(
                "read " + key,
                () -> {
                    try {
                        s3.headObject(b -> b.bucket(bucket).key(key));
                        return true;
                    } catch (NoSuchKeyException missing) {
                        return false;
                    } catch (S3Exception e) {
                        if (e.statusCode() == 404) {
                            return false;
                        }
                        throw e;
                    }
                });
    }

    /** Every object under a prefix. */
    public List<StoredObject> list(String prefix) {
        return call(
                "list " + prefix,
                () -> {
                    List<StoredObject> out = new ArrayList<>();
                    ListObjectsV2Request request =
                            ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build();
                    for (S3Object o : s3.listObjectsV2Paginator(request).contents()) {
                        out.add(new StoredObject(o.key(), o.size() == null ? 0 : o.size()));
                    }
                    return out;
                });
    }

    /** The "folders" directly under a prefix, each ending in '/'. */
    public List<String> prefixes(String prefix) {
        return call(
                "list " + prefix,
                () -> {
                    List<String> out = new ArrayList<>();
                    ListObjectsV2Request request =
                            ListObjectsV2Request.builder()
                                    .bucket(bucket)
                                    .prefix(prefix)
                                    .delimiter("/")
                                    .build();
                    for (CommonPrefix p : s3.listObjectsV2Paginator(request).commonPrefixes()) {
                        out.add(p.prefix());
                    }
                    return out;
                });
    }

    /** Deletes the keys, a thousand per request. */
    public void delete(Collection<String> keys) {
        List<String> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += 1000) {
            List<ObjectIdentifier> batch =
                    all.subList(from, Math.min(all.size(), from + 1000)).stream()
                            .map(k -> ObjectIdentifier.builder().key(k).build())
                            .toList();
            DeleteObjectsResponse response =
                    call(
                            "delete " + batch.size() + " objects",
                            () ->
                                    s3.deleteObjects(
                                            b ->
                                                    b.bucket(bucket)
                                                            .delete(
                                                                    Delete.builder()
                                                                            .objects(batch)
                                                                            .quiet(true)
                                                                            .build())));
            if (response.hasErrors() && !response.errors().isEmpty()) {
                var first = response.errors().get(0);
                throw SlipwayException.infrastructure(
                        "Could not delete "
                                + first.key()
                                + " from "
                                + where
                                + " ("
                                + first.message()
                                + "); run the command again.",
                        null);
            }
        }
    }

    /** Checks that the bucket exists and answers. */
    public void check() {
        call("reach the bucket", () -> s3.headBucket(b -> b.bucket(bucket)));
    }

    private <T> T parse(String json, Class<T> type, String key) {
        try {
            T value = Json.documents().fromJson(json, type);
            if (value == null) {
                throw new IllegalArgumentException("empty document");
            }
            return value;
        } catch (RuntimeException e) {
            throw SlipwayException.infrastructure(
                    key
                            + " in "
                            + where
                            + " is not valid JSON ("
                            + e.getMessage()
                            + "); fix or delete that object.",
                    e);
        }
    }

    private <T> T call(String action, Supplier<T> body) {
        try {
            return body.get();
        } catch (NoSuchBucketException e) {
            throw SlipwayException.infrastructure(
                    "Cannot "
                            + action
                            + ": "
                            + where
                            + " does not exist; create it or fix the bucket setting ("
                            + hint
                            + ").",
                    e);
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (e.statusCode() == 403) {
                throw SlipwayException.infrastructure(
                        "Cannot "
                                + action
                                + " in "
                                + where
                                + ": access denied ("
                                + code
                                + "); give your AWS identity s3 read/write access to the bucket ("
                                + hint
                                + ").",
                        e);
            }
            throw SlipwayException.infrastructure(
                    "Cannot "
                            + action
                            + " in "
                            + where
                            + ": "
                            + (code == null ? e.getMessage() : code)
                            + " (HTTP "
                            + e.statusCode()
                            + "); "
                            + hint
                            + ".",
                    e);
        } catch (SdkClientException e) {
            throw SlipwayException.infrastructure(
                    "Cannot "
                            + action
                            + ": "
                            + where
                            + " does not answer ("
                            + firstLine(e.getMessage())
                            + "); "
                            + hint
                            + ".",
                    e);
        } catch (SdkException e) {
            throw SlipwayException.infrastructure(
                    "Cannot "
                            + action
                            + " in "
                            + where
                            + ": "
                            + firstLine(e.getMessage())
                            + "; "
                            + hint
                            + ".",
                    e);
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
