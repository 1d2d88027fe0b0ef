package dev.slipway.proxy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What the proxy needs to run (contract section 9). Built from the environment and the command line
 * by {@link #fromEnvironment}, or directly by a program that embeds the proxy (the local stack).
 *
 * @param port the TCP port to listen on; 0 picks a free one ({@link ProxyServer#port()} says which)
 * @param bind the address to listen on, {@code 127.0.0.1} by default
 * @param baseDomain sites are served at {@code <project>.<baseDomain>}
 * @param bucket the bucket holding the sites (contract section 4)
 * @param s3Endpoint an S3-compatible endpoint (path-style access), or {@code null} for AWS
 * @param region the AWS region of the bucket
 * @param redisUrl {@code redis://…} or {@code rediss://…} for live-pointer invalidation, or {@code
 *     null} to rely on a short time-to-live alone
 * @param cacheMaxBytes the most memory the manifest and file cache may hold
 * @param adminPort the port of the admin listener ({@code /_slipway/metrics}); {@code null}: off; 0
 *     picks a free one ({@link ProxyServer#adminPort()} says which)
 * @param adminBind the address of the admin listener, loopback ({@code 127.0.0.1}) by default
 */
public record ProxyConfig(
        int port,
        String bind,
        String baseDomain,
        String bucket,
        URI s3Endpoint,
        String region,
        String redisUrl,
        long cacheMaxBytes,
        Integer adminPort,
        String adminBind) {

    public static final int DEFAULT_PORT = 8000;
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final String DEFAULT_BASE_DOMAIN = "localhost";
    public static final String DEFAULT_REGION = "us-east-1";
    public static final long DEFAULT_CACHE_MAX_BYTES = 256L * 1024 * 1024;

    /** The smallest cache that still holds a typical site's manifest and entry page. */
    public static final long MIN_CACHE_MAX_BYTES = 1024L * 1024;

    /** A configuration without an admin listener. */
    public ProxyConfig(
            int port,
            String bind,
            String baseDomain,
            String bucket,
            URI s3Endpoint,
            String region,
            String redisUrl,
            long cacheMaxBytes) {
        this(
                port,
                bind,
                baseDomain,
                bucket,
                s3Endpoint,
                region,
                redisUrl,
                cacheMaxBytes,
                null,
                DEFAULT_BIND);
    }

    public ProxyConfig {
        if (adminPort != null && (adminPort < 0 || adminPort > 65535)) {
            throw new IllegalArgumentException(
                    "ADMIN_PORT must be between 0 and 65535 (0 picks a free port), or unset to turn"
                            + " the admin listener off, not "
                            + adminPort
                            + ".");
        }
        if (adminBind == null || adminBind.isBlank()) {
            adminBind = DEFAULT_BIND;
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(
                    "PORT must be between 0 and 65535 (0 picks a free port), not " + port + ".");
        }
        if (bind == null || bind.isBlank()) {
            throw new IllegalArgumentException(
                    "BIND is empty: give the address to listen on, such as 127.0.0.1 or 0.0.0.0.");
        }
        baseDomain = normalizeDomain(baseDomain);
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException(
                    "S3_BUCKET is missing: set it (or --s3_bucket) to the bucket Slipway stores sites in.");
        }
        if (region == null || region.isBlank()) {
            region = DEFAULT_REGION;
        }
        if (redisUrl != null && redisUrl.isBlank()) {
            redisUrl = null;
        }
        if (redisUrl != null
                && !redisUrl.startsWith("redis://")
                && !redisUrl.startsWith("rediss://")) {
            throw new IllegalArgumentException(
                    "REDIS_URL must look like redis://[:password@]host:port[/db] or rediss://…, or be left"
                            + " unset to run without Redis.");
        }
        if (s3Endpoint != null) {
            String scheme = Objects.requireNonNullElse(s3Endpoint.getScheme(), "");
            if (!scheme.equals("http") && !scheme.equals("https") || s3Endpoint.getHost() == null) {
                throw new IllegalArgumentException(
                        "S3_ENDPOINT must be an http:// or https:// URL such as http://127.0.0.1:9000.");
            }
        }
        if (cacheMaxBytes < MIN_CACHE_MAX_BYTES) {
            throw new IllegalArgumentException(
                    "CACHE_MAX_BYTES must be at least "
                            + MIN_CACHE_MAX_BYTES
                            + " (1 MiB), not "
                            + cacheMaxBytes
                            + ".");
        }
    }

    /** This configuration listening on another port (0 for any free one). */
    public ProxyConfig withPort(int newPort) {
        return new ProxyConfig(
                newPort,
                bind,
                baseDomain,
                bucket,
                s3Endpoint,
                region,
                redisUrl,
                cacheMaxBytes,
                adminPort,
                adminBind);
    }

    /** This configuration with another cache size. */
    public ProxyConfig withCacheMaxBytes(long bytes) {
        return new ProxyConfig(
                port,
                bind,
                baseDomain,
                bucket,
                s3Endpoint,
                region,
                redisUrl,
                bytes,
                adminPort,
                adminBind);
    }

    /** This configuration with the admin listener on {@code newAdminPort} (null: off). */
    public ProxyConfig withAdminPort(Integer newAdminPort) {
        return new ProxyConfig(
                port,
                bind,
                baseDomain,
                bucket,
                s3Endpoint,
                region,
                redisUrl,
                cacheMaxBytes,
                newAdminPort,
                adminBind);
    }

    /**
     * Reads the contract's variables: {@code PORT} (8000), {@code BIND} (127.0.0.1), {@code
     * BASE_DOMAIN} (localhost), {@code S3_BUCKET} (required), {@code S3_ENDPOINT}, {@code
     * AWS_REGION} (us-east-1), {@code REDIS_URL} (optional), {@code CACHE_MAX_BYTES} (256 MiB; also
     * {@code 64m}, {@code 1g}). A flag of the same name in lower case ({@code --port 9000} or
     * {@code --port=9000}) wins over the environment.
     *
     * @throws IllegalArgumentException with a sentence that names the setting and says what to give
     */
    public static ProxyConfig fromEnvironment(Map<String, String> env, String[] args) {
        Map<String, String> values = new HashMap<>();
        for (String name : NAMES) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                values.put(name, v.trim());
            }
        }
        values.putAll(parseFlags(args == null ? new String[0] : args));
        int port =
                values.containsKey("PORT") ? parsePort("PORT", values.get("PORT")) : DEFAULT_PORT;
        String endpoint = values.get("S3_ENDPOINT");
        return new ProxyConfig(
                port,
                values.getOrDefault("BIND", DEFAULT_BIND),
                values.getOrDefault("BASE_DOMAIN", DEFAULT_BASE_DOMAIN),
                values.get("S3_BUCKET"),
                endpoint == null ? null : parseEndpoint(endpoint),
                values.getOrDefault("AWS_REGION", DEFAULT_REGION),
                values.get("REDIS_URL"),
                values.containsKey("CACHE_MAX_BYTES")
                        ? parseBytes(values.get("CACHE_MAX_BYTES"))
                        : DEFAULT_CACHE_MAX_BYTES,
                values.containsKey("ADMIN_PORT")
                        ? parsePort("ADMIN_PORT", values.get("ADMIN_PORT"))
                        : null,
                values.getOrDefault("ADMIN_BIND", DEFAULT_BIND));
    }

    private static final String[] NAMES = {
        "PORT",
        "BIND",
        "BASE_DOMAIN",
        "S3_BUCKET",
        "S3_ENDPOINT",
        "AWS_REGION",
        "REDIS_URL",
        "CACHE_MAX_BYTES",
        "ADMIN_PORT",
        "ADMIN_BIND"
    };

    private static Map<String, String> parseFlags(String[] args) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException(
                        "Unexpected argument '"
                                + arg
                                + "': give settings as --name value, for example --port 8000.");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(
                        "--" + name + " needs a value, for example --" + name + " <value>.");
            }
            String key = name.replace('-', '_').toUpperCase(Locale.ROOT);
            if (!java.util.Arrays.asList(NAMES).contains(key)
                    || !name.equals(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(
                        "Unknown option --"
                                + name
                                + ". Known: --port, --bind, --base_domain, --s3_bucket,"
                                + " --s3_endpoint, --aws_region, --redis_url, --cache_max_bytes,"
                                + " --admin_port, --admin_bind.");
            }
            flags.put(key, value.trim());
        }
        return flags;
    }

    private static int parsePort(String name, String raw) {
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    name + " must be a number between 0 and 65535, not '" + raw + "'.", e);
        }
    }

    private static URI parseEndpoint(String raw) {
        try {
            return new URI(raw);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "S3_ENDPOINT is not a URL: '"
                            + raw
                            + "'. Give one such as http://127.0.0.1:9000.",
                    e);
        }
    }

    /**
     * Bytes as a plain number or with a binary suffix: {@code 268435456}, {@code 256m}, {@code 1g}.
     */
    static long parseBytes(String raw) {
        String s = raw.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (s.endsWith("ib")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("b")) {
            s = s.substring(0, s.length() - 1);
        }
        if (!s.isEmpty()) {
            switch (s.charAt(s.length() - 1)) {
                case 'k' -> unit = 1024L;
                case 'm' -> unit = 1024L * 1024;
                case 'g' -> unit = 1024L * 1024 * 1024;
                default -> unit = 1;
            }
            if (unit > 1) {
                s = s.substring(0, s.length() - 1);
            }
        }
        try {
            return Math.multiplyExact(Long.parseLong(s.trim()), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(
                    "CACHE_MAX_BYTES must be a size such as 268435456, 256m or 1g, not '"
                            + raw
                            + "'.",
                    e);
        }
    }

    private static String normalizeDomain(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException(
                    "BASE_DOMAIN is empty: give the domain sites live under, such as localhost or sites.example.com.");
        }
        String d = raw.trim().toLowerCase(Locale.ROOT);
        while (d.startsWith(".")) {
            d = d.substring(1);
        }
        while (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.isEmpty()
                || !d.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
            throw new IllegalArgumentException(
                    "BASE_DOMAIN '"
                            + raw
                            + "' is not a domain name: give one such as localhost or sites.example.com"
                            + " (no scheme, port or path).");
        }
        return d;
    }
}
