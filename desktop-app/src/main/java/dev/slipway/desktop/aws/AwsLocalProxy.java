package dev.slipway.desktop.aws;

import dev.slipway.core.config.AwsSettings;
import dev.slipway.core.config.SlipwayConfig;
import dev.slipway.core.config.SlipwayHome;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.desktop.backend.AwsClients;
import dev.slipway.desktop.stack.LocalStack;
import dev.slipway.desktop.stack.Ports;
import dev.slipway.desktop.stack.StackFile;
import dev.slipway.proxy.ProxyConfig;
import dev.slipway.proxy.ProxyServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AWS mode's proxy on this machine: the proxy of the local stack, serving {@code
 * http://<project>.localhost:<proxyPort>/} on 127.0.0.1, but from the stack's real bucket, with the
 * profile's credentials (read access is enough) and the configured Redis for live-pointer changes.
 * It is what makes the URL {@code deploy} prints serve when the stack runs no public proxy. Its
 * {@code stack.json} names the bucket and carries no access key, which tells it apart from a local
 * mode stack.
 */
public final class AwsLocalProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AwsLocalProxy.class);

    private final SlipwayHome home;
    private final StackFile file;
    private final ProxyServer proxy;

    private AwsLocalProxy(SlipwayHome home, StackFile file, ProxyServer proxy) {
        this.home = home;
        this.file = file;
        this.proxy = proxy;
    }

    /**
     * Starts the proxy on {@code proxyPort} and writes {@code stack.json}.
     *
     * @throws SlipwayException naming a taken port or a missing bucket
     */
    public static AwsLocalProxy start(
            SlipwayHome home, SlipwayConfig config, Map<String, String> env) {
        AwsSettings aws = config.aws();
        if (aws.bucket() == null || aws.bucket().isBlank()) {
            throw SlipwayException.badInput(
                    "AWS mode needs a bucket: set \"aws.bucket\" in "
                            + home.configFile()
                            + " (slipway aws init --stack writes it).");
        }
        int port = config.proxyPort();
        if (!Ports.isFree(port)) {
            throw SlipwayException.badInput(Ports.takenMessage(port, home.configFile()));
        }
        AwsClients clients = new AwsClients(aws, env);
        URI endpoint = clients.s3Endpoint().map(URI::create).orElse(null);
        ProxyServer proxy;
        try {
            proxy =
                    ProxyServer.start(
                            new ProxyConfig(
                                    port,
                                    "127.0.0.1",
                                    config.baseDomain(),
                                    aws.bucket(),
                                    endpoint,
                                    aws.region(),
                                    aws.redisUrl(),
                                    LocalStack.PROXY_CACHE_MAX_BYTES),
                            clients.credentials());
        } catch (RuntimeException e) {
            throw SlipwayException.infrastructure(
                    "The proxy for the bucket '"
                            + aws.bucket()
                            + "' could not start on port "
                            + port
                            + " ("
                            + e.getMessage()
                            + "); check with 'slipway doctor'.",
                    e);
        }
        StackFile file =
                new StackFile(
                        ProcessHandle.current().pid(),
                        Instant.now(),
                        endpoint != null
                                ? endpoint.toString()
                                : "https://s3." + aws.region() + ".amazonaws.com",
                        aws.redisUrl(),
                        proxy.port(),
                        config.baseDomain(),
                        aws.bucket(),
                        aws.region(),
                        null,
                        null);
        file.write(home.stackFile());
        return new AwsLocalProxy(home, file, proxy);
    }

    public StackFile file() {
        return file;
    }

    @Override
    public void close() {
        proxy.close();
        try {
            if (StackFile.read(home.stackFile()).filter(f -> f.pid() == file.pid()).isPresent()) {
                Files.deleteIfExists(home.stackFile());
            }
        } catch (IOException | SlipwayException e) {
            LOG.warn("Could not delete {}", home.stackFile(), e);
        }
    }
}
