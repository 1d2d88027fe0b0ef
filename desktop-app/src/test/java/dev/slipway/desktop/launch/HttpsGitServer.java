package dev.slipway.desktop.launch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A Git server over HTTPS (smart HTTP, upload-pack only) for one local repository, on 127.0.0.1
 * with a self-signed certificate made by {@code keytool}. It lets the real builder clone an {@code
 * https://} URL, as an ECS task would, without the internet; the builder's JVM trusts it through
 * {@link #trustOptions()}.
 */
final class HttpsGitServer implements AutoCloseable {

    private static final String PASSWORD = "changeit";

    private final HttpsServer server;
    private final Path keystore;
    private final Repository repository;

    HttpsGitServer(Path repositoryDir, Path workDir) throws Exception {
        keystore = workDir.resolve("git-server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p =
                new ProcessBuilder(
                                keytool,
                                "-genkeypair",
                                "-alias",
                                "git",
                                "-keyalg",
                                "RSA",
                                "-keysize",
                                "2048",
                                "-validity",
                                "2",
                                "-dname",
                                "CN=127.0.0.1",
                                "-ext",
                                "SAN=ip:127.0.0.1",
                                "-storetype",
                                "PKCS12",
                                "-keystore",
                                keystore.toString(),
                                "-storepass",
                                PASSWORD,
                                "-keypass",
                                PASSWORD)
                        .redirectErrorStream(true)
                        .start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(
                    "keytool failed: " + new String(p.getInputStream().readAllBytes()));
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(keystore)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf =
                KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD.toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        repository =
                new FileRepositoryBuilder()
                        .setGitDir(repositoryDir.resolve(".git").toFile())
                        .build();
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.createContext("/", this::handle);
        server.start();
    }

    /** The clone URL of the repository: {@code https://127.0.0.1:<port>/<name>.git}. */
    String url(String name) {
        return "https://127.0.0.1:" + server.getAddress().getPort() + "/" + name + ".git";
    }

    /** JVM options that make a child JVM trust this server's certificate. */
    String trustOptions() {
        return "-Djavax.net.ssl.trustStore="
                + keystore
                + " -Djavax.net.ssl.trustStorePassword="
                + PASSWORD
                + " -Djavax.net.ssl.trustStoreType=PKCS12";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getQuery();
            if (path.endsWith("/info/refs") && "service=git-upload-pack".equals(query)) {
                exchange.getResponseHeaders()
                        .put(
                                "Content-Type",
                                List.of("application/x-git-upload-pack-advertisement"));
                exchange.getResponseHeaders().put("Cache-Control", List.of("no-cache"));
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                PacketLineOut pck = new PacketLineOut(out);
                pck.writeString("# service=git-upload-pack\n");
                pck.end();
                UploadPack up = new UploadPack(repository);
                up.setBiDirectionalPipe(false);
                up.sendAdvertisedRefs(new RefAdvertiser.PacketLineOutRefAdvertiser(pck));
                out.flush();
                return;
            }
            if (path.endsWith("/git-upload-pack") && "POST".equals(exchange.getRequestMethod())) {
                InputStream in = exchange.getRequestBody();
                if ("gzip"
                        .equalsIgnoreCase(
                                exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                    in = new GZIPInputStream(in);
                }
                exchange.getResponseHeaders()
                        .put("Content-Type", List.of("application/x-git-upload-pack-result"));
                exchange.sendResponseHeaders(200, 0);
                UploadPack up = new UploadPack(repository);
                up.setBiDirectionalPipe(false);
                up.upload(in, exchange.getResponseBody(), null);
                return;
            }
            exchange.sendResponseHeaders(404, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        repository.close();
    }
}
