package dev.slipway.builder.storage;

import dev.slipway.s3store.S3ConditionalStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The builder's view of the bucket: small, blocking calls whose failures become one {@link
 * StorageException} naming the key. Safe to use from many threads.
 */
public final class Bucket {

    /** Files above this go up in parts. */
    public static final long MULTIPART_THRESHOLD = 16L * 1024 * 1024;

    static final long PART_SIZE = 8L * 1024 * 1024;

    private final S3Client s3;
    private final String name;

    public Bucket(S3Client s3, String name) {
        this.s3 = s3;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Conditional reads and writes on this bucket, for the project record. */
    public S3ConditionalStore conditional() {
        return new S3ConditionalStore(s3, name);
    }

    /** The object's bytes, or empty when there is no such key. */
    public Optional<byte[]> get(String key) {
        try {
            ResponseBytes<GetObjectResponse> bytes =
                    s3.getObjectAsBytes(b -> b.bucket(name).key(key));
            return Optional.of(bytes.asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("read", key, e);
        } catch (SdkException e) {
            throw failure("read", key, e);
        }
    }

    /** Streams the object into a file; false when there is no such key. */
    public boolean download(String key, Path target) {
        try (InputStream in = s3.getObject(b -> b.bucket(name).key(key))) {
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw failure("read", key, e);
        } catch (SdkException e) {
            throw failure("read", key, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target + " while reading " + key, e);
        }
    }

    public boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(name).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw failure("check", key, e);
        } catch (SdkException e) {
            throw failure("check", key, e);
        }
    }

    /**
     * One listing page (up to 1,000 keys, in order): its keys and the next page's token, or null.
     */
    public Map.Entry<List<String>, String> listPage(String prefix, @Nullable String continuation) {
        try {
            ListObjectsV2Response page =
                    s3.listObjectsV2(
                            b ->
                                    b.bucket(name)
                                            .prefix(prefix)
                                            .maxKeys(1000)
                                            .continuationToken(continuation));
            List<String> keys = new java.util.ArrayList<>(page.contents().size());
            for (S3Object o : page.contents()) {
                keys.add(o.key());
            }
            String next =
                    Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
            return new java.util.AbstractMap.SimpleImmutableEntry<>(keys, next);
        } catch (SdkException e) {
            throw failure("list", prefix, e);
        }
    }

    /**
     * The keys under {@code prefix}, or empty when there are more than {@code limit} (listing them
     * all would cost more than asking for the few we need).
     */
    public Optional<Set<String>> listUpTo(String prefix, int limit) {
        Set<String> keys = new HashSet<>();
        String token = null;
        try {
            do {
                String t = token;
                ListObjectsV2Response page =
                        s3.listObjectsV2(
                                b ->
                                        b.bucket(name)
                                                .prefix(prefix)
                                                .maxKeys(1000)
                                                .continuationToken(t));
                for (S3Object o : page.contents()) {
                    keys.add(o.key());
                }
                if (keys.size() > limit) {
                    return Optional.empty();
                }
                token =
                        Boolean.TRUE.equals(page.isTruncated())
                                ? page.nextContinuationToken()
                                : null;
            } while (token != null);
            return Optional.of(keys);
        } catch (SdkException e) {
            throw failure("list", prefix, e);
        }
    }

    public void put(String key, byte[] bytes, String contentType) {
        put(key, bytes, contentType, null);
    }

    /** Writes a small object in one request. */
    public void put(
            String key, byte[] bytes, String contentType, @Nullable String contentEncoding) {
        try {
            s3.putObject(
                    b ->
                            b.bucket(name)
                                    .key(key)
                                    .contentType(contentType)
                                    .contentEncoding(contentEncoding),
                    RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw failure("write", key, e);
        }
    }

    /** Writes a file, in parts when it is over {@link #MULTIPART_THRESHOLD}. */
    public void putFile(String key, Path file, long size, String contentType) {
        if (size > MULTIPART_THRESHOLD) {
            putInParts(key, file, size, contentType);
            return;
        }
        try {
            s3.putObject(
                    b -> b.bucket(name).key(key).contentType(contentType),
                    RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw failure("write", key, e);
        }
    }

    private void putInParts(String key, Path file, long size, String contentType) {
        String uploadId;
        try {
            uploadId =
                    s3.createMultipartUpload(b -> b.bucket(name).key(key).contentType(contentType))
                            .uploadId();
        } catch (SdkException e) {
            throw failure("start a multipart upload of", key, e);
        }
        try (var channel = Files.newByteChannel(file)) {
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            for (long offset = 0; offset < size; offset += PART_SIZE, number++) {
                int length = (int) Math.min(PART_SIZE, size - offset);
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(length);
                channel.position(offset);
                while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                    // read the whole part
                }
                buffer.flip();
                int n = number;
                String etag =
                        s3.uploadPart(
                                        b ->
                                                b.bucket(name)
                                                        .key(key)
                                                        .uploadId(uploadId)
                                                        .partNumber(n)
                                                        .contentLength((long) length),
                                        RequestBody.fromByteBuffer(buffer))
                                .eTag();
                parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
            }
            s3.completeMultipartUpload(
                    b ->
                            b.bucket(name)
                                    .key(key)
                                    .uploadId(uploadId)
                                    .multipartUpload(m -> m.parts(parts)));
        } catch (SdkException | IOException e) {
            abort(key, uploadId);
            if (e instanceof IOException io) {
                throw new UncheckedIOException(
                        "Cannot read " + file + " while uploading " + key, io);
            }
            throw failure("write", key, (SdkException) e);
        }
    }

    private void abort(String key, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(name).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            // The first failure is the one reported; the bucket's lifecycle rule removes the parts.
            org.slf4j.LoggerFactory.getLogger(Bucket.class)
                    .warn("Cannot abort the multipart upload of {}: {}", key, e.getMessage());
        }
    }

    private StorageException failure(String verb, String key, SdkException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int cut = reason.indexOf(" (Service:");
        if (cut > 0) {
            reason = reason.substring(0, cut);
        }
        return new StorageException(
                "Cannot " + verb + " s3://" + name + "/" + key + ": " + reason, e);
    }
}
