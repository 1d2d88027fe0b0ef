package dev.slipway.proxy;

import dev.slipway.proxy.accesslog.AccessLogSinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar slipway-proxy.jar [--port 8000] [--bind …] …}: reads the contract's environment
 * (flags of the same name in lower case win), starts the proxy, writes one JSON access-log line per
 * request to standard output, and stops cleanly on SIGTERM or Ctrl-C.
 */
public final class ProxyMain {

    /** Direct memory kept free beside the cache, for the sockets' temporary buffers. */
    static final long DIRECT_HEADROOM = 32L * 1024 * 1024;

    /** {@code -XX:MaxDirectMemorySize}, or the heap's maximum when it is not set (its default). */
    static long maxDirectMemory() {
        try {
            var bean =
                    java.lang.management.ManagementFactory.getPlatformMXBean(
                            com.sun.management.HotSpotDiagnosticMXBean.class);
            long set = Long.parseLong(bean.getVMOption("MaxDirectMemorySize").getValue());
            return set > 0 ? set : Runtime.getRuntime().maxMemory();
        } catch (RuntimeException e) {
            return Runtime.getRuntime().maxMemory();
        }
    }

    private ProxyMain() {}

    /**
     * Native memory that does not grow with traffic, unless the command line says otherwise: the
     * JDK keeps at most a 256 KiB temporary direct buffer per thread for socket writes (larger ones
     * are freed at once), and Netty (the S3 client) allocates unpooled heap buffers, freed with
     * each response, instead of keeping direct arenas per thread. The cache's own direct memory is
     * freed on eviction ({@code CachedBody}).
     */
    static void boundNativeMemory() {
        setIfAbsent("jdk.nio.maxCachedBufferSize", "262144");
        setIfAbsent("io.netty.allocator.type", "unpooled");
        setIfAbsent("io.netty.noPreferDirect", "true");
    }

    private static void setIfAbsent(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }

    public static void main(String[] args) {
        // Undertow and XNIO log through JBoss Logging: send it to SLF4J like everything else.
        System.setProperty("org.jboss.logging.provider", "slf4j");
        boundNativeMemory();
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(
                    "Usage: java -jar slipway-proxy.jar [--port N] [--bind ADDR] [--base_domain D] [--s3_bucket B]\n"
                            + "         [--s3_endpoint URL] [--aws_region R] [--redis_url URL] [--cache_max_bytes N]\n"
                            + "         [--admin_port N] [--admin_bind ADDR]\n"
                            + "Each flag may instead be given as the environment variable of the same name in upper case.");
            return;
        }
        ProxyConfig config;
        try {
            config = ProxyConfig.fromEnvironment(System.getenv(), args);
        } catch (IllegalArgumentException e) {
            System.err.println("slipway-proxy: " + e.getMessage());
            System.exit(2);
            return;
        }
        Logger log = LoggerFactory.getLogger(ProxyMain.class);
        long direct = maxDirectMemory();
        if (config.cacheMaxBytes() > direct - DIRECT_HEADROOM) {
            boolean given =
                    System.getenv("CACHE_MAX_BYTES") != null
                            || java.util.Arrays.stream(args)
                                    .anyMatch(a -> a.startsWith("--cache_max_bytes"));
            if (given) {
                System.err.println(
                        "slipway-proxy: CACHE_MAX_BYTES ("
                                + config.cacheMaxBytes() / (1024 * 1024)
                                + " MiB) does not fit the direct memory the JVM allows ("
                                + direct / (1024 * 1024)
                                + " MiB, of which 32 MiB are kept for sockets): lower it, or raise"
                                + " -XX:MaxDirectMemorySize.");
                System.exit(2);
                return;
            }
            long fitted = Math.max(ProxyConfig.MIN_CACHE_MAX_BYTES, direct / 2);
            log.info(
                    "CACHE_MAX_BYTES not set: using {} MiB, half of the {} MiB of direct memory",
                    fitted / (1024 * 1024),
                    direct / (1024 * 1024));
            config = config.withCacheMaxBytes(fitted);
        }
        ProxyServer server;
        try {
            server =
                    ProxyServer.start(
                            config,
                            ProxyServer.defaultCredentials(),
                            ProxyTuning.defaults()
                                    .withAccessLog(AccessLogSinks.stream(System.out)));
        } catch (PortInUseException e) {
            System.err.println("slipway-proxy: " + e.getMessage());
            System.exit(3);
            return;
        } catch (RuntimeException e) {
            log.error("The proxy could not start", e);
            System.exit(3);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "slipway-proxy-shutdown"));
    }
}
