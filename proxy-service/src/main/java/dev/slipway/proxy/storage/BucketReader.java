package dev.slipway.proxy.storage;

import dev.slipway.core.storage.StorageLayout;
import dev.slipway.proxy.metrics.ProxyMetrics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.async.ResponsePublisher;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reads objects from the bucket without blocking: each call is one {@code GetObject} whose future
 * completes with the bytes (or a stream), {@link ObjectMissingException} for a missing key, or
 * {@link StorageUnavailableException} for anything else, including a call slower than the timeout.
 */
public final class BucketReader {

    private final S3AsyncClient s3;
    private final String bucket;
    private final Duration timeout;
    private final ProxyMetrics metrics;
    private final Executor caller;

    /**
     * @param caller where calls are started: the SDK signs requests and may refresh credentials on
     *     the calling thread, which must never be an IO thread
     */
    public BucketReader(
            S3AsyncClient s3,
            String bucket,
            Duration timeout,
            ProxyMetrics metrics,
            Executor caller) {
        this.s3 = s3;
        this.bucket = bucket;
        this.timeout = timeout;
        this.metrics = metrics;
        this.caller = caller;
    }

    /** The whole object, read into memory (read-only). */
    public CompletableFuture<ByteBuffer> read(String key) {
        long start = System.nanoTime();
        GetObjectRequest request = GetObjectRequest.builder().bucket(bucket).key(key).build();
        return translate(
                        key, start, () -> s3.getObject(request, AsyncResponseTransformer.toBytes()))
                .thenApply(bytes -> bytes.asByteBuffer());
    }

    /**
     * The object as a stream of buffers, starting as soon as the response headers arrive. The
     * caller must subscribe to (or cancel) the publisher.
     *
     * @param range an HTTP range such as {@code bytes=0-99}, or null for the whole object
     */
    public CompletableFuture<ResponsePublisher<GetObjectResponse>> stream(
            String key, String range) {
        long start = System.nanoTime();
        GetObjectRequest request =
                GetObjectRequest.builder().bucket(bucket).key(key).range(range).build();
        return translate(
                key, start, () -> s3.getObject(request, AsyncResponseTransformer.toPublisher()));
    }

    /**
     * Every key under {@code prefix} (all pages of {@code ListObjectsV2}). Costs one S3 request per
     * thousand keys.
     */
    public CompletableFuture<List<String>> list(String prefix) {
        long start = System.nanoTime();
        List<String> keys = new ArrayList<>();
        return translate(prefix, start, () -> listPage(prefix, null, keys));
    }

    private CompletableFuture<List<String>> listPage(
            String prefix, String token, List<String> keys) {
        ListObjectsV2Request request =
                ListObjectsV2Request.builder()
                        .bucket(bucket)
                        .prefix(prefix)
                        .continuationToken(token)
                        .build();
        return s3.listObjectsV2(request)
                .thenCompose(
                        page -> {
                            for (S3Object o : page.contents()) {
                                keys.add(o.key());
                            }
                            return Boolean.TRUE.equals(page.isTruncated())
                                            && page.nextContinuationToken() != null
                                    ? listPage(prefix, page.nextContinuationToken(), keys)
                                    : CompletableFuture.completedFuture(keys);
                        });
    }

    private <T> CompletableFuture<T> translate(
            String key, long start, Supplier<CompletableFuture<T>> starter) {
        CompletableFuture<T> call =
                CompletableFuture.completedFuture((Void) null)
                        .thenComposeAsync(v -> starter.get(), caller);
        CompletableFuture<T> result = new CompletableFuture<>();
        var unused =
                call.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .whenComplete(
                                (value, failure) -> {
                                    long nanos = System.nanoTime() - start;
                                    if (failure == null) {
                                        metrics.s3Call(kind(key), nanos, "ok");
                                        result.complete(value);
                                        return;
                                    }
                                    Throwable cause =
                                            failure instanceof CompletionException
                                                            && failure.getCause() != null
                                                    ? failure.getCause()
                                                    : failure;
                                    if (cause instanceof NoSuchKeyException
                                            || (cause instanceof S3Exception s
                                                    && s.statusCode() == 404)) {
                                        metrics.s3Call(kind(key), nanos, "missing");
                                        result.completeExceptionally(
                                                new ObjectMissingException(key));
                                    } else {
                                        metrics.s3Call(
                                                kind(key),
                                                nanos,
                                                cause instanceof TimeoutException
                                                        ? "timeout"
                                                        : "error");
                                        call.cancel(true);
                                        result.completeExceptionally(
                                                new StorageUnavailableException(
                                                        "Reading "
                                                                + key
                                                                + " from bucket "
                                                                + bucket
                                                                + " failed: "
                                                                + describe(cause),
                                                        cause));
                                    }
                                });
        return result;
    }

    private static String kind(String key) {
        if (key.startsWith(StorageLayout.BLOBS)) {
            return key.endsWith(".gz") || key.endsWith(".br") ? "variant" : "blob";
        }
        if (key.startsWith(StorageLayout.DEPLOYMENTS)) {
            return key.endsWith(".json") ? "manifest" : "listing";
        }
        if (key.startsWith(StorageLayout.DOMAINS)) {
            return "domain";
        }
        return key.startsWith(StorageLayout.PROJECTS) ? "project" : "other";
    }

    private String describe(Throwable cause) {
        if (cause instanceof TimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
