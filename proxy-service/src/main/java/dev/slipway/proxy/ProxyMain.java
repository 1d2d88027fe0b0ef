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

    private ProxyMain() {}

    public static void main(String[] args) {
        // Undertow and XNIO log through JBoss Logging: send it to SLF4J like everything else.
        System.setProperty("org.jboss.logging.provider", "slf4j");
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(
                    "Usage: java -jar slipway-proxy.jar [--port N] [--bind ADDR] [--base_domain D] [--s3_bucket B]\n"
                            + "         [--s3_endpoint URL] [--aws_region R] [--redis_url URL] [--cache_max_bytes N]\n"
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
