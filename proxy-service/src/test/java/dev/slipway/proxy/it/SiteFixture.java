package dev.slipway.proxy.it;

import dev.slipway.core.content.ContentTypes;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.deployment.FileEntry;
import dev.slipway.core.deployment.Manifest;
import dev.slipway.core.domain.DomainRecord;
import dev.slipway.core.json.Json;
import dev.slipway.core.project.ProjectRecord;
import dev.slipway.core.project.ProjectSettings;
import dev.slipway.core.project.Slug;
import dev.slipway.core.routes.Routes;
import dev.slipway.core.storage.StorageLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Writes a deployment into a bucket exactly as the contract's storage layout says (what the builder
 * does): blobs by SHA-256, optional {@code .gz}/{@code .br} variants, the manifest, and last the
 * project record with the live pointer.
 */
public final class SiteFixture {

    private final S3Client s3;
    private final String bucket;
    private final Slug project;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Map<String, byte[]> brotli = new LinkedHashMap<>();
    private boolean spa;
    private boolean gzipVariants;
    private DeploymentStatus status = DeploymentStatus.READY;
    private boolean listEncodings;
    private boolean preview;
    private String basePath;
    private Routes routes;
    private Instant finishedAt;

    private SiteFixture(S3Client s3, String bucket, String project) {
        this.s3 = s3;
        this.bucket = bucket;
        this.project = Slug.of(project);
    }

    public static SiteFixture site(S3Client s3, String bucket, String project) {
        return new SiteFixture(s3, bucket, project);
    }

    public SiteFixture spa(boolean value) {
        this.spa = value;
        return this;
    }

    public SiteFixture status(DeploymentStatus value) {
        this.status = value;
        return this;
    }

    /**
     * Writes {@code blobs/<sha>.gz} for each compressible file of 1 KiB or more (as the builder
     * does).
     */
    public SiteFixture gzipVariants(boolean value) {
        this.gzipVariants = value;
        return this;
    }

    /**
     * Writes each file's stored variants into the manifest ({@code encodings}, as today's builder
     * does); off, the manifest has none (a legacy manifest, where the proxy may probe).
     */
    public SiteFixture listEncodings(boolean value) {
        this.listEncodings = value;
        return this;
    }

    public SiteFixture preview(boolean value) {
        this.preview = value;
        return this;
    }

    public SiteFixture basePath(String value) {
        this.basePath = value;
        return this;
    }

    public SiteFixture routes(Routes value) {
        this.routes = value;
        return this;
    }

    public SiteFixture finishedAt(Instant value) {
        this.finishedAt = value;
        return this;
    }

    public SiteFixture file(String path, String text) {
        return file(path, text.getBytes(StandardCharsets.UTF_8));
    }

    public SiteFixture file(String path, byte[] bytes) {
        files.put(path, bytes);
        return this;
    }

    /**
     * A {@code .br} variant for a file, with the given bytes (the proxy passes them through as they
     * are).
     */
    public SiteFixture brotliVariant(String path, byte[] bytes) {
        brotli.put(path, bytes);
        return this;
    }

    /** Uploads blobs and manifest; does not touch the live pointer. */
    public DeploymentId upload() {
        DeploymentId id = DeploymentId.newId();
        Map<String, FileEntry> entries = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            String sha = sha256(f.getValue());
            String type = ContentTypes.forPath(f.getKey());
            put(StorageLayout.blob(sha), f.getValue());
            List<String> stored = new ArrayList<>();
            byte[] br = brotli.get(f.getKey());
            if (br != null) {
                put(StorageLayout.blob(sha, StorageLayout.Encoding.BROTLI), br);
                stored.add("br");
            }
            if (gzipVariants && ContentTypes.isCompressible(type) && f.getValue().length >= 1024) {
                put(StorageLayout.blob(sha, StorageLayout.Encoding.GZIP), gzip(f.getValue()));
                stored.add("gzip");
            }
            entries.put(
                    f.getKey(),
                    new FileEntry(sha, f.getValue().length, type, listEncodings ? stored : null));
        }
        Instant now = Instant.now();
        Manifest manifest =
                new Manifest(
                        project.value(),
                        id.value(),
                        status,
                        "https://github.com/o/" + project.value(),
                        "main",
                        "0123456789abcdef0123456789abcdef01234567",
                        "test",
                        now,
                        finishedAt != null ? finishedAt : now,
                        "vite",
                        spa,
                        null,
                        entries,
                        preview ? Boolean.TRUE : null,
                        basePath,
                        routes);
        put(
                StorageLayout.manifest(project, id),
                Json.documents().toJson(manifest).getBytes(StandardCharsets.UTF_8));
        return id;
    }

    /** Uploads the deployment and makes it live. */
    public DeploymentId publish() {
        DeploymentId id = upload();
        makeLive(s3, bucket, project.value(), id);
        return id;
    }

    /** Writes {@code domains/<host>.json} naming {@code project}. */
    public static void addDomain(S3Client s3, String bucket, String host, String project) {
        s3.putObject(
                b -> b.bucket(bucket).key(StorageLayout.domain(host)),
                RequestBody.fromString(Json.documents().toJson(new DomainRecord(host, project))));
    }

    /** Writes {@code projects/<project>.json} pointing at {@code id} (null: no live deployment). */
    public static void makeLive(S3Client s3, String bucket, String project, DeploymentId id) {
        ProjectRecord record =
                new ProjectRecord(
                        project,
                        "https://github.com/o/" + project,
                        ProjectSettings.defaults(),
                        id == null ? null : id.value(),
                        Instant.now());
        s3.putObject(
                b -> b.bucket(bucket).key(StorageLayout.project(Slug.of(project))),
                RequestBody.fromString(Json.documents().toJson(record)));
    }

    private void put(String key, byte[] bytes) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
