package dev.slipway.proxy.http;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.project.Slug;
import dev.slipway.core.routes.Routes;
import dev.slipway.proxy.cache.ContentCache;
import dev.slipway.proxy.cache.DeploymentDirectory;
import dev.slipway.proxy.cache.DomainCache;
import dev.slipway.proxy.cache.LivePointer;
import dev.slipway.proxy.cache.PointerCache;
import dev.slipway.proxy.cache.Site;
import dev.slipway.proxy.routing.HostRouter;
import dev.slipway.proxy.routing.RequestPath;
import dev.slipway.proxy.routing.Resolution;
import dev.slipway.proxy.routing.SiteAddress;
import dev.slipway.proxy.storage.BucketReader;
import dev.slipway.proxy.storage.ObjectMissingException;
import dev.slipway.proxy.storage.StorageUnavailableException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a site: the host names a project (its live pointer names the deployment), one deployment
 * ({@code <project>--<id10>}) or a custom domain; the manifest resolves the path (base path,
 * routes, then the contract's rules), and the {@link FileResponder} sends the file. Every step
 * answers from memory when it can and otherwise waits for the bucket without holding the IO thread.
 * A bucket that fails or is too slow costs this request a 502, nothing else.
 */
public final class SiteHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(SiteHandler.class);
    private static final long FAILURE_LOG_INTERVAL_NANOS = 10_000_000_000L;

    /** Headers a route may not set: they frame the body or the connection. */
    private static final Set<String> FRAMING =
            Set.of(
                    "content-length",
                    "transfer-encoding",
                    "connection",
                    "content-encoding",
                    "content-range",
                    "keep-alive",
                    "upgrade",
                    "trailer");

    private final HostRouter router;
    private final PointerCache pointers;
    private final DomainCache domains;
    private final DeploymentDirectory deployments;
    private final ContentCache content;
    private final FileResponder files;
    private final AtomicLong lastFailureLog =
            new AtomicLong(System.nanoTime() - FAILURE_LOG_INTERVAL_NANOS);
    private final AtomicLong unloggedFailures = new AtomicLong();

    public SiteHandler(
            HostRouter router,
            PointerCache pointers,
            DomainCache domains,
            DeploymentDirectory deployments,
            ContentCache content,
            BucketReader bucket,
            long maxCachedFileBytes) {
        this.router = router;
        this.pointers = pointers;
        this.domains = domains;
        this.deployments = deployments;
        this.content = content;
        this.files = new FileResponder(content, bucket, maxCachedFileBytes, this::fail);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        RequestTarget target = RequestTarget.of(exchange);
        SiteAddress address = router.route(target.host());
        if (address instanceof SiteAddress.None) {
            ErrorPages.NO_SUCH_SITE.send(exchange);
            return;
        }
        if (!(RequestPath.parse(target.rawPath()) instanceof RequestPath.Valid valid)) {
            ErrorPages.BAD_REQUEST.send(exchange);
            return;
        }
        RequestPath path = valid.path();
        if (address instanceof SiteAddress.Project p) {
            serveLive(exchange, p.project(), path);
        } else if (address instanceof SiteAddress.Deployment d) {
            Await.then(
                    exchange,
                    deployments.find(d.host()),
                    (ex, id) -> {
                        if (id.isEmpty()) {
                            ErrorPages.NO_SUCH_SITE.send(ex);
                        } else {
                            serveDeployment(ex, d.host().project(), id.get(), path, true);
                        }
                    },
                    this::fail);
        } else if (address instanceof SiteAddress.Domain domain) {
            Await.then(
                    exchange,
                    domains.projectOf(domain.host()),
                    (ex, project) -> {
                        if (project.isEmpty()) {
                            ErrorPages.NO_SUCH_SITE.send(ex);
                        } else {
                            serveLive(ex, project.get(), path);
                        }
                    },
                    this::fail);
        }
    }

    private void serveLive(HttpServerExchange exchange, Slug slug, RequestPath path)
            throws Exception {
        Await.then(
                exchange,
                pointers.get(slug),
                (ex, pointer) -> {
                    if (pointer instanceof LivePointer.NoProject) {
                        ErrorPages.NO_SUCH_SITE.send(ex);
                    } else if (pointer instanceof LivePointer.NoLiveDeployment) {
                        ErrorPages.NOT_DEPLOYED.send(ex);
                    } else if (pointer instanceof LivePointer.Live live) {
                        serveDeployment(ex, slug, live.deploymentId(), path, false);
                    }
                },
                this::fail);
    }

    /**
     * @param byHost the host named this deployment (a missing manifest is then no site, not a
     *     broken pointer)
     */
    private void serveDeployment(
            HttpServerExchange exchange,
            Slug slug,
            DeploymentId id,
            RequestPath path,
            boolean byHost)
            throws Exception {
        Site loaded = content.siteIfLoaded(slug, id);
        if (loaded != null) {
            onSite(exchange, path, loaded, byHost);
            return;
        }
        Await.then(
                exchange,
                content.site(slug, id),
                (ex, site) -> onSite(ex, path, site, byHost),
                (ex, cause) -> {
                    if (cause instanceof ObjectMissingException && byHost) {
                        ErrorPages.NO_SUCH_SITE.send(ex);
                    } else if (cause instanceof ObjectMissingException) {
                        log.warn("{} points at deployment {} whose manifest is gone", slug, id);
                        ErrorPages.NOT_DEPLOYED.send(ex);
                    } else {
                        fail(ex, cause);
                    }
                });
    }

    private void onSite(HttpServerExchange exchange, RequestPath path, Site site, boolean byHost)
            throws Exception {
        if (!site.ready()) {
            (byHost ? ErrorPages.NO_SUCH_SITE : ErrorPages.NOT_DEPLOYED).send(exchange);
            return;
        }
        List<Routes.Header> extra = site.resolver().headersFor(path);
        if (!extra.isEmpty()) {
            exchange.addResponseCommitListener(ex -> addHeaders(ex.getResponseHeaders(), extra));
        }
        Resolution resolution = site.resolver().resolve(path, exchange.getQueryString());
        if (resolution instanceof Resolution.File file) {
            files.respond(exchange, file.path(), file.entry(), file.status(), site);
        } else if (resolution instanceof Resolution.Redirect redirect) {
            exchange.setStatusCode(redirect.status());
            HeaderMap headers = exchange.getResponseHeaders();
            headers.put(Headers.LOCATION, redirect.location());
            headers.put(Headers.CACHE_CONTROL, ResponseHeaders.REVALIDATE);
            headers.put(Headers.CONTENT_LENGTH, 0);
            exchange.endExchange();
        } else {
            ErrorPages.NOT_FOUND.send(exchange);
        }
    }

    private static void addHeaders(HeaderMap headers, List<Routes.Header> extra) {
        for (Routes.Header h : extra) {
            if (h.name() == null
                    || h.value() == null
                    || FRAMING.contains(h.name().toLowerCase(Locale.ROOT))) {
                continue;
            }
            headers.put(HttpString.tryFromString(h.name()), h.value());
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
