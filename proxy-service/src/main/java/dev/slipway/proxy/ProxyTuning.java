package dev.slipway.proxy;

import dev.slipway.proxy.accesslog.AccessLog;
import dev.slipway.proxy.accesslog.AccessLogSinks;
import java.time.Duration;

/**
 * The proxy's limits and timeouts, with defaults for production; tests and the benchmarks shorten
 * some. Not part of the contract's environment.
 *
 * @param storageTimeout the longest a request waits for S3 before it gets a 502
 * @param pointerTtlWithRedis how long a live pointer is trusted while Redis delivers invalidations
 *     (a safety net: messages make it shorter)
 * @param pointerTtlWithoutRedis how long a live pointer is trusted without Redis
 * @param maxCachedFileBytes files up to this size are kept in memory; larger ones are streamed
 * @param idleTimeout a connection with no traffic for this long is closed
 * @param requestParseTimeout the longest a client may take to send a request's headers
 * @param maxHeaderBytes the largest request head (request line and headers) accepted
 * @param accessLog where access-log lines go
 * @param domainTtl how long an answer about a custom domain (found or not) is kept
 * @param listingTtl how long a project's deployment listing is trusted for an unknown id
 */
public record ProxyTuning(
        Duration storageTimeout,
        Duration pointerTtlWithRedis,
        Duration pointerTtlWithoutRedis,
        long maxCachedFileBytes,
        Duration idleTimeout,
        Duration requestParseTimeout,
        int maxHeaderBytes,
        AccessLog.Sink accessLog,
        Duration domainTtl,
        Duration listingTtl) {

    /** Defaults for a program that embeds the proxy: the access log goes to SLF4J. */
    public static ProxyTuning defaults() {
        return new ProxyTuning(
                Duration.ofSeconds(10),
                Duration.ofMinutes(5),
                Duration.ofSeconds(2),
                2L * 1024 * 1024,
                Duration.ofSeconds(60),
                Duration.ofSeconds(10),
                16 * 1024,
                AccessLogSinks.slf4j(),
                Duration.ofSeconds(30),
                Duration.ofSeconds(5));
    }

    public ProxyTuning withStorageTimeout(Duration timeout) {
        return new ProxyTuning(
                timeout,
                pointerTtlWithRedis,
                pointerTtlWithoutRedis,
                maxCachedFileBytes,
                idleTimeout,
                requestParseTimeout,
                maxHeaderBytes,
                accessLog,
                domainTtl,
                listingTtl);
    }

    public ProxyTuning withPointerTtls(Duration withRedis, Duration withoutRedis) {
        return new ProxyTuning(
                storageTimeout,
                withRedis,
                withoutRedis,
                maxCachedFileBytes,
                idleTimeout,
                requestParseTimeout,
                maxHeaderBytes,
                accessLog,
                domainTtl,
                listingTtl);
    }

    public ProxyTuning withMaxCachedFileBytes(long bytes) {
        return new ProxyTuning(
                storageTimeout,
                pointerTtlWithRedis,
                pointerTtlWithoutRedis,
                bytes,
                idleTimeout,
                requestParseTimeout,
                maxHeaderBytes,
                accessLog,
                domainTtl,
                listingTtl);
    }

    public ProxyTuning withTimeouts(Duration idle, Duration requestParse) {
        return new ProxyTuning(
                storageTimeout,
                pointerTtlWithRedis,
                pointerTtlWithoutRedis,
                maxCachedFileBytes,
                idle,
                requestParse,
                maxHeaderBytes,
                accessLog,
                domainTtl,
                listingTtl);
    }

    public ProxyTuning withAccessLog(AccessLog.Sink sink) {
        return new ProxyTuning(
                storageTimeout,
                pointerTtlWithRedis,
                pointerTtlWithoutRedis,
                maxCachedFileBytes,
                idleTimeout,
                requestParseTimeout,
                maxHeaderBytes,
                sink,
                domainTtl,
                listingTtl);
    }

    public ProxyTuning withLookupTtls(Duration domains, Duration listings) {
        return new ProxyTuning(
                storageTimeout,
                pointerTtlWithRedis,
                pointerTtlWithoutRedis,
                maxCachedFileBytes,
                idleTimeout,
                requestParseTimeout,
                maxHeaderBytes,
                accessLog,
                domains,
                listings);
    }
}
