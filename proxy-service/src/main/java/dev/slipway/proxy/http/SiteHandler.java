package dev.slipway.proxy.http;

import dev.slipway.core.project.Slug;
import dev.slipway.proxy.cache.ContentCache;
import dev.slipway.proxy.cache.LivePointer;
import dev.slipway.proxy.cache.PointerCache;
import dev.slipway.proxy.cache.Site;
import dev.slipway.proxy.routing.HostRouter;
import dev.slipway.proxy.routing.PathResolver;
import dev.slipway.proxy.routing.RequestPath;
import dev.slipway.proxy.routing.Resolution;
import dev.slipway.proxy.storage.BucketReader;
import dev.slipway.proxy.storage.ObjectMissingException;
import dev.slipway.proxy.storage.StorageUnavailableException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a site: the host names the project, its live pointer names the deployment, the manifest
 * resolves the path, and the {@link FileResponder} sends the file. Every step answers from memory
 * when it can and otherwise waits for the bucket without holding the IO thread. A bucket that fails
 * or is too slow costs this request a 502, nothing else.
 */
public final class SiteHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(SiteHandler.class);
    private static final long FAILURE_LOG_INTERVAL_NANOS = 10_000_000_000L;

    private final HostRouter router;
    private final PointerCache pointers;
    private final ContentCache content;
    private final FileResponder files;
    private final AtomicLong lastFailureLog =
            new AtomicLong(System.nanoTime() - FAILURE_LOG_INTERVAL_NANOS);
    private final AtomicLong unloggedFailures = new AtomicLong();

    public SiteHandler(
            HostRouter router,
            PointerCache pointers,
            ContentCache content,
            BucketReader bucket,
            long maxCachedFileBytes) {
        this.router = router;
        this.pointers = pointers;
        this.content = content;
        this.files = new FileResponder(content, bucket, maxCachedFileBytes, this::fail);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        Optional<Slug> project =
                router.projectOf(exchange.getRequestHeaders().getFirst(Headers.HOST));
        if (project.isEmpty()) {
            ErrorPages.NO_SUCH_SITE.send(exchange);
            return;
        }
        if (!(RequestPath.parse(exchange.getRequestPath()) instanceof RequestPath.Valid valid)) {
            ErrorPages.BAD_REQUEST.send(exchange);
            return;
        }
        RequestPath path = valid.path();
        Slug slug = project.get();
        Await.then(
                exchange,
                pointers.get(slug),
                (ex, pointer) -> onPointer(ex, slug, path, pointer),
                this::fail);
    }

    private void onPointer(
            HttpServerExchange exchange, Slug slug, RequestPath path, LivePointer pointer)
            throws Exception {
        if (pointer instanceof LivePointer.NoProject) {
            ErrorPages.NO_SUCH_SITE.send(exchange);
        } else if (pointer instanceof LivePointer.NoLiveDeployment) {
            ErrorPages.NOT_DEPLOYED.send(exchange);
        } else if (pointer instanceof LivePointer.Live live) {
            Await.then(
                    exchange,
                    content.site(slug, live.deploymentId()),
                    (ex, site) -> onSite(ex, path, site),
                    (ex, cause) -> {
                        if (cause instanceof ObjectMissingException) {
                            log.warn(
                                    "{} points at deployment {} whose manifest is gone",
                                    slug,
                                    live.deploymentId());
                            ErrorPages.NOT_DEPLOYED.send(ex);
                        } else {
                            fail(ex, cause);
                        }
                    });
        }
    }

    private void onSite(HttpServerExchange exchange, RequestPath path, Site site) throws Exception {
        if (!site.ready()) {
            ErrorPages.NOT_DEPLOYED.send(exchange);
            return;
        }
        Resolution resolution =
                PathResolver.resolve(path, site.files(), site.spa(), exchange.getQueryString());
        if (resolution instanceof Resolution.File file) {
            files.respond(exchange, file.path(), file.entry(), file.status());
        } else if (resolution instanceof Resolution.Redirect redirect) {
            exchange.setStatusCode(308);
            exchange.getResponseHeaders().put(Headers.LOCATION, redirect.location());
            exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, ResponseHeaders.REVALIDATE);
            exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, 0);
            exchange.endExchange();
        } else {
            ErrorPages.NOT_FOUND.send(exchange);
        }
    }

    /**
     * The one place a failed request is answered and logged (at most once per 10 s, with a count).
     */
    private void fail(HttpServerExchange exchange, Throwable cause) {
        boolean storage = cause instanceof StorageUnavailableException;
        long now = System.nanoTime();
        long last = lastFailureLog.get();
        if (now - last >= FAILURE_LOG_INTERVAL_NANOS && lastFailureLog.compareAndSet(last, now)) {
            long more = unloggedFailures.getAndSet(0);
            String suffix =
                    more > 0
                            ? " (and " + more + " more failed requests since the last report)"
                            : "";
            if (storage) {
                log.warn("Answered 502: {}{}", cause.getMessage(), suffix);
            } else {
                log.error("Answered 500{}", suffix, cause);
            }
        } else {
            unloggedFailures.incrementAndGet();
        }
        (storage ? ErrorPages.STORAGE_UNAVAILABLE : ErrorPages.INTERNAL_ERROR).send(exchange);
    }
}
