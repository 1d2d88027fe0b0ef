package dev.slipway.s3server;

import java.io.InputStream;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.gaul.s3proxy.S3ErrorCode;
import org.gaul.s3proxy.S3ProxyException;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Makes S3Proxy's conditional writes atomic (docs/decisions/0004). S3Proxy checks {@code If-Match}
 * and {@code If-None-Match} itself for its filesystem and in-memory stores, by reading the object's
 * metadata and then writing, so two writers that read the same ETag can both pass the check. This
 * store remembers, per request thread, the version the check saw, and lets the write through only
 * if the object is still that version, under a lock per key: the second writer gets 412.
 */
public final class AtomicConditionalBlobStore extends ForwardingBlobStore {

    private record Seen(String container, String key, String etag, long atNanos) {}

    /** A check older than this belongs to an earlier request on the same thread. */
    private static final long FRESH_NANOS = 30_000_000_000L;

    private static final String ABSENT = "";

    private final ThreadLocal<Seen> seen = new ThreadLocal<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public AtomicConditionalBlobStore(BlobStore delegate) {
        super(delegate);
    }

    @Override
    public HeadObjectResponse blobMetadataIfPresent(HeadObjectRequest request) {
        HeadObjectResponse head = delegate().blobMetadataIfPresent(request);
        seen.set(
                new Seen(
                        request.bucket(),
                        request.key(),
                        head == null ? ABSENT : Objects.toString(head.eTag(), ABSENT),
                        System.nanoTime()));
        return head;
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream input) {
        Seen check = takeCheck(request.bucket(), request.key());
        if (check == null) {
            return delegate().putBlob(request, input);
        }
        synchronized (lock(request.bucket(), request.key())) {
            requireUnchanged(check);
            return delegate().putBlob(request, input);
        }
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        Seen check = takeCheck(request.bucket(), request.key());
        if (check == null) {
            return delegate().removeBlob(request);
        }
        synchronized (lock(request.bucket(), request.key())) {
            requireUnchanged(check);
            return delegate().removeBlob(request);
        }
    }

    private Seen takeCheck(String container, String key) {
        Seen check = seen.get();
        seen.remove();
        if (check == null
                || !check.container().equals(container)
                || !check.key().equals(key)
                || System.nanoTime() - check.atNanos() > FRESH_NANOS) {
            return null;
        }
        return check;
    }

    private void requireUnchanged(Seen check) {
        HeadObjectResponse now =
                delegate()
                        .blobMetadataIfPresent(
                                HeadObjectRequest.builder()
                                        .bucket(check.container())
                                        .key(check.key())
                                        .build());
        String etag = now == null ? ABSENT : Objects.toString(now.eTag(), ABSENT);
        if (!etag.equals(check.etag())) {
            throw new S3ProxyException(
                    S3ErrorCode.PRECONDITION_FAILED,
                    "The object changed between the precondition check and the write.");
        }
    }

    private Object lock(String container, String key) {
        return locks.computeIfAbsent(container + "/" + key, k -> new Object());
    }
}
