package dev.slipway.proxy.http;

import dev.slipway.core.deployment.FileEntry;
import dev.slipway.core.storage.StorageLayout;
import dev.slipway.core.storage.StorageLayout.Encoding;
import dev.slipway.proxy.cache.CachedBody;
import dev.slipway.proxy.cache.ContentCache;
import dev.slipway.proxy.cache.Site;
import dev.slipway.proxy.storage.BucketReader;
import dev.slipway.proxy.storage.ObjectMissingException;
import dev.slipway.proxy.storage.StorageUnavailableException;
import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.DateUtils;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.SameThreadExecutor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.core.async.ResponsePublisher;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Sends one file of a deployment with correct HTTP: type from the manifest, ETag and 304, {@code
 * nosniff}, cache lifetime by whether the name carries a content hash, {@code Vary} for
 * compressible types, one byte range (206/416), and brotli or gzip when accepted. Small files come
 * from the {@link ContentCache}; large ones are streamed from S3, ranges passed through.
 */
final class FileResponder {

    /** Below this, compression is not worth a variant lookup. */
    static final long MIN_COMPRESS_BYTES = 1024;

    private final ContentCache content;
    private final BucketReader bucket;
    private final long maxCachedFileBytes;
    private final Await.Failure onFailure;

    FileResponder(
            ContentCache content,
            BucketReader bucket,
            long maxCachedFileBytes,
            Await.Failure onFailure) {
        this.content = content;
        this.bucket = bucket;
        this.maxCachedFileBytes = maxCachedFileBytes;
        this.onFailure = onFailure;
    }

    /** A body and its coding ({@code null}: identity). */
    private record Representation(CachedBody bytes, Encoding encoding) {}

    void respond(HttpServerExchange exchange, String path, FileEntry entry, int status, Site site)
            throws Exception {
        HeaderMap headers = exchange.getResponseHeaders();
        HeaderMap request = exchange.getRequestHeaders();
        String type = entry.contentType();
        Site.Headers fixed = site.headersOf(path, entry);
        boolean compressible = fixed.compressible();
        String sha = entry.sha256();
        headers.put(Headers.CACHE_CONTROL, fixed.cacheControl());
        headers.put(ResponseHeaders.NOSNIFF_NAME, ResponseHeaders.NOSNIFF);
        if (compressible) {
            headers.put(Headers.VARY, ResponseHeaders.ACCEPT_ENCODING);
        }
        ByteRange.Request range = ByteRange.WHOLE;
        if (status == 200) {
            if (site.lastModified() != null) {
                headers.put(Headers.LAST_MODIFIED, site.lastModified());
            }
            if (preconditionFails(request, sha, site)) {
                exchange.setStatusCode(412);
                headers.remove(Headers.LAST_MODIFIED);
                headers.put(Headers.CONTENT_LENGTH, 0);
                exchange.endExchange();
                return;
            }
            String ifNoneMatch = request.getFirst(Headers.IF_NONE_MATCH);
            String matched = matchingTag(ifNoneMatch, sha);
            if (matched != null
                    || (ifNoneMatch == null
                            && notModifiedSince(
                                    request.getFirst(Headers.IF_MODIFIED_SINCE), site))) {
                exchange.setStatusCode(304);
                headers.put(Headers.ETAG, matched != null ? matched : fixed.etag());
                exchange.endExchange();
                return;
            }
            headers.put(Headers.ACCEPT_RANGES, ResponseHeaders.BYTES);
            range = rangeOf(exchange, sha, entry.size());
            if (range instanceof ByteRange.Unsatisfiable) {
                exchange.setStatusCode(416);
                headers.put(Headers.ETAG, tag(sha, null));
                headers.put(Headers.CONTENT_RANGE, "bytes */" + entry.size());
                headers.put(Headers.CONTENT_LENGTH, 0);
                exchange.endExchange();
                return;
            }
        }
        List<Encoding> codings =
                compressible && entry.size() >= MIN_COMPRESS_BYTES && range == ByteRange.WHOLE
                        ? AcceptEncoding.parse(request.getFirst(Headers.ACCEPT_ENCODING))
                                .preferred()
                        : List.of();
        headers.put(Headers.CONTENT_TYPE, type);
        exchange.setStatusCode(status);
        ByteRange.Request finalRange = range;
        if (entry.size() <= maxCachedFileBytes) {
            CachedBody identity = codings.isEmpty() ? content.blobIfLoaded(sha) : null;
            if (identity != null
                    && sendFromMemory(exchange, identity, null, fixed.etag(), status, finalRange)) {
                return;
            }
            fromMemory(exchange, entry, codings, status, finalRange, true);
        } else {
            List<Encoding> candidates = new ArrayList<>(2);
            for (Encoding e : codings) {
                boolean stored =
                        entry.encodingsKnown()
                                ? entry.hasEncoding(e.contentEncoding())
                                : !content.isKnownAbsent(sha, e);
                if (stored) {
                    candidates.add(e);
                }
            }
            stream(exchange, entry, status, finalRange, candidates, 0);
        }
    }

    /**
     * RFC 9110 section 13.2.2, steps 1 and 2: {@code If-Match} (strong comparison with any coding
     * of this file; {@code *} matches), else {@code If-Unmodified-Since} against the deployment's
     * time.
     */
    private static boolean preconditionFails(HeaderMap request, String sha, Site site) {
        String ifMatch = request.getFirst(Headers.IF_MATCH);
        if (ifMatch != null) {
            return !strongMatch(ifMatch, sha);
        }
        String since = request.getFirst(Headers.IF_UNMODIFIED_SINCE);
        if (since != null && site.lastModifiedSeconds() >= 0) {
            java.util.Date date = DateUtils.parseDate(since);
            return date != null && site.lastModifiedSeconds() > date.getTime() / 1000;
        }
        return false;
    }

    private static boolean notModifiedSince(String since, Site site) {
        if (since == null || site.lastModifiedSeconds() < 0) {
            return false;
        }
        java.util.Date date = DateUtils.parseDate(since);
        return date != null && site.lastModifiedSeconds() <= date.getTime() / 1000;
    }

    static boolean strongMatch(String ifMatch, String sha) {
        for (String candidate : ifMatch.split(",")) {
            String t = candidate.trim();
            if (t.equals("*")) {
                return true;
            }
            if (t.startsWith("\"" + sha)) {
                String rest = t.substring(1 + sha.length());
                if (rest.equals("\"") || rest.equals("-br\"") || rest.equals("-gz\"")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The body in the first acceptable coding that exists: a variant the manifest lists is one GET
     * (on a miss); one it does not list is never asked for (gzip is then made here from the blob);
     * a legacy manifest without {@code encodings} probes.
     */
    private CompletableFuture<Representation> representation(
            FileEntry entry, List<Encoding> codings, int index) {
        String sha = entry.sha256();
        if (index >= codings.size()) {
            return content.blob(sha).thenApply(bytes -> new Representation(bytes, null));
        }
        Encoding encoding = codings.get(index);
        CompletableFuture<Optional<CachedBody>> variant;
        if (!entry.encodingsKnown() || entry.hasEncoding(encoding.contentEncoding())) {
            variant = content.variant(sha, encoding);
        } else if (encoding == Encoding.GZIP) {
            variant = content.gzipped(sha);
        } else {
            return representation(entry, codings, index + 1);
        }
        if (variant.isDone() && !variant.isCompletedExceptionally()) {
            Optional<CachedBody> v = variant.join();
            return v.isPresent()
                    ? CompletableFuture.completedFuture(new Representation(v.get(), encoding))
                    : representation(entry, codings, index + 1);
        }
        return variant.exceptionally(failure -> Optional.empty())
                .thenCompose(
                        v ->
                                v.isPresent()
                                        ? CompletableFuture.completedFuture(
                                                new Representation(v.get(), encoding))
                                        : representation(entry, codings, index + 1));
    }

    private void fromMemory(
            HttpServerExchange exchange,
            FileEntry entry,
            List<Encoding> codings,
            int status,
            ByteRange.Request range,
            boolean retry)
            throws Exception {
        CompletableFuture<Representation> rep = representation(entry, codings, 0);
        Await.Step<Representation> send =
                (ex, r) -> {
                    if (sendFromMemory(
                            ex,
                            r.bytes(),
                            r.encoding(),
                            tag(entry.sha256(), r.encoding()),
                            status,
                            range)) {
                        return;
                    }
                    if (retry) {
                        // Evicted between the lookup and the send: look it up once more.
                        fromMemory(ex, entry, codings, status, range, false);
                    } else {
                        onFailure.run(
                                ex,
                                new StorageUnavailableException(
                                        "A cached file was evicted twice while being sent", null));
                    }
                };
        if (rep.isDone() && !rep.isCompletedExceptionally()) {
            send.run(exchange, rep.join());
        } else {
            Await.then(exchange, rep, send, onFailure);
        }
    }

    /**
     * Sends a cached body in this coding ({@code null}: identity) with this entity tag; false when
     * it was freed before it could be held (nothing sent).
     */
    private static boolean sendFromMemory(
            HttpServerExchange exchange,
            CachedBody cached,
            Encoding encoding,
            String etag,
            int status,
            ByteRange.Request range) {
        HeaderMap headers = exchange.getResponseHeaders();
        boolean head = exchange.getRequestMethod().equals(Methods.HEAD);
        if (!head && !cached.acquire()) {
            return false;
        }
        long size = cached.size();
        if (status == 200) {
            headers.put(Headers.ETAG, etag);
        }
        if (encoding != null) {
            headers.put(Headers.CONTENT_ENCODING, encoding.contentEncoding());
        }
        long start = 0;
        long length = size;
        if (range instanceof ByteRange.Part part) {
            long end = Math.min(part.range().end(), size - 1);
            if (part.range().start() >= size) {
                if (!head) {
                    cached.release();
                }
                exchange.setStatusCode(416);
                headers.put(Headers.CONTENT_RANGE, "bytes */" + size);
                headers.put(Headers.CONTENT_LENGTH, 0);
                exchange.endExchange();
                return true;
            }
            start = part.range().start();
            length = end + 1 - start;
            exchange.setStatusCode(206);
            headers.put(
                    Headers.CONTENT_RANGE,
                    new ByteRange(part.range().start(), end).contentRange(size));
        }
        headers.put(Headers.CONTENT_LENGTH, length);
        if (head) {
            exchange.endExchange();
        } else if (cached.inFile()) {
            new FileTransfer(exchange, cached, start, length).start();
        } else {
            ByteBuffer body = cached.memory();
            body.position((int) start);
            body.limit((int) (start + length));
            exchange.getResponseSender().send(body, new Releasing(cached));
        }
        return true;
    }

    /** Ends the exchange after the write, and gives the body back to the cache either way. */
    private static final class Releasing implements IoCallback {
        private final CachedBody body;

        Releasing(CachedBody body) {
            this.body = body;
        }

        @Override
        public void onComplete(HttpServerExchange exchange, Sender sender) {
            body.release();
            IoCallback.END_EXCHANGE.onComplete(exchange, sender);
        }

        @Override
        public void onException(
                HttpServerExchange exchange, Sender sender, java.io.IOException exception) {
            body.release();
            IoCallback.END_EXCHANGE.onException(exchange, sender, exception);
        }
    }

    private void stream(
            HttpServerExchange exchange,
            FileEntry entry,
            int status,
            ByteRange.Request range,
            List<Encoding> candidates,
            int index)
            throws Exception {
        String sha = entry.sha256();
        Encoding encoding = index < candidates.size() ? candidates.get(index) : null;
        boolean head = exchange.getRequestMethod().equals(Methods.HEAD);
        HeaderMap headers = exchange.getResponseHeaders();
        if (encoding == null && head) {
            if (status == 200) {
                headers.put(Headers.ETAG, tag(sha, null));
            }
            long length = entry.size();
            if (range instanceof ByteRange.Part part) {
                exchange.setStatusCode(206);
                headers.put(Headers.CONTENT_RANGE, part.range().contentRange(entry.size()));
                length = part.range().length();
            }
            headers.put(Headers.CONTENT_LENGTH, length);
            exchange.endExchange();
            return;
        }
        String key = encoding == null ? StorageLayout.blob(sha) : StorageLayout.blob(sha, encoding);
        String s3Range =
                encoding == null && range instanceof ByteRange.Part part
                        ? part.range().s3Range()
                        : null;
        AccessLogHandler.markStream(exchange);
        Await.then(
                exchange,
                bucket.stream(key, s3Range),
                (ex, publisher) -> startBody(ex, publisher, entry, status, range, encoding),
                (ex, cause) -> {
                    if (cause instanceof ObjectMissingException && encoding != null) {
                        content.markAbsent(sha, encoding);
                        stream(ex, entry, status, range, candidates, index + 1);
                    } else if (cause instanceof ObjectMissingException) {
                        onFailure.run(
                                ex,
                                new StorageUnavailableException(
                                        "The manifest names blob "
                                                + key
                                                + " but the bucket does not hold it",
                                        cause));
                    } else {
                        onFailure.run(ex, cause);
                    }
                });
    }

    private static void startBody(
            HttpServerExchange exchange,
            ResponsePublisher<GetObjectResponse> publisher,
            FileEntry entry,
            int status,
            ByteRange.Request range,
            Encoding encoding) {
        HeaderMap headers = exchange.getResponseHeaders();
        if (status == 200) {
            headers.put(Headers.ETAG, tag(entry.sha256(), encoding));
        }
        if (encoding != null) {
            headers.put(Headers.CONTENT_ENCODING, encoding.contentEncoding());
        }
        if (range instanceof ByteRange.Part part) {
            exchange.setStatusCode(206);
            headers.put(Headers.CONTENT_RANGE, part.range().contentRange(entry.size()));
        }
        Long length = publisher.response().contentLength();
        if (length != null) {
            headers.put(Headers.CONTENT_LENGTH, length);
        }
        if (exchange.getRequestMethod().equals(Methods.HEAD)) {
            publisher.subscribe(new CancellingSubscriber());
            exchange.endExchange();
            return;
        }
        exchange.dispatch(
                SameThreadExecutor.INSTANCE,
                () -> publisher.subscribe(new StreamingBody(exchange)));
    }

    private static ByteRange.Request rangeOf(HttpServerExchange exchange, String sha, long size) {
        String header = exchange.getRequestHeaders().getFirst(Headers.RANGE);
        if (header == null) {
            return ByteRange.WHOLE;
        }
        String ifRange = exchange.getRequestHeaders().getFirst(Headers.IF_RANGE);
        if (ifRange != null && !ifRange.trim().equals(tag(sha, null))) {
            return ByteRange.WHOLE;
        }
        return ByteRange.parse(header, size);
    }

    static String tag(String sha, Encoding encoding) {
        return encoding == null
                ? "\"" + sha + "\""
                : "\"" + sha + "-" + encoding.suffix().substring(1) + "\"";
    }

    /**
     * The entity tag of this file that {@code If-None-Match} names (weak comparison, any coding of
     * the same bytes), or null. {@code *} matches any.
     */
    static String matchingTag(String ifNoneMatch, String sha) {
        if (ifNoneMatch == null) {
            return null;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String t = candidate.trim();
            if (t.equals("*")) {
                return tag(sha, null);
            }
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.length() >= 66 && t.startsWith("\"" + sha)) {
                String rest = t.substring(1 + sha.length());
                if (rest.equals("\"") || rest.equals("-br\"") || rest.equals("-gz\"")) {
                    return t;
                }
            }
        }
        return null;
    }

    private static final class CancellingSubscriber
            implements org.reactivestreams.Subscriber<ByteBuffer> {
        @Override
        public void onSubscribe(org.reactivestreams.Subscription s) {
            s.cancel();
        }

        @Override
        public void onNext(ByteBuffer b) {}

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onComplete() {}
    }
}
