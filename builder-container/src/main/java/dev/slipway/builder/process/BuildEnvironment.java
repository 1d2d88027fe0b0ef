package dev.slipway.builder.process;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The environment install and build get, made from nothing rather than copied from the builder's:
 * {@code PATH}, {@code HOME}, {@code LANG}, {@code CI=1}, {@code npm_config_logs_max=0} (no debug
 * log in the build's home, which is deleted), {@code NODE_ENV} and the person's {@code BUILD_ENV}.
 * So AWS credentials, the container-credential variables, {@code REDIS_URL}, {@code GIT_TOKEN} and
 * {@code S3_*} can never reach a build script. The host's network settings ({@link
 * #NETWORK_VARIABLES}: a company CA, a proxy) are passed on, as the machine's own npm would read
 * them from its npmrc: a Node provisioned into the toolchain cache has no such npmrc.
 */
public final class BuildEnvironment {

    /** The host's network settings that every install and build gets, when the host has them. */
    public static final List<String> NETWORK_VARIABLES =
            List.of(
                    "NODE_EXTRA_CA_CERTS",
                    "HTTPS_PROXY",
                    "https_proxy",
                    "HTTP_PROXY",
                    "http_proxy",
                    "NO_PROXY",
                    "no_proxy");

    static final String DEFAULT_PATH =
            "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final String path;
    private final Path home;
    private final Map<String, String> buildEnv;

    /**
     * @param path the builder's own {@code PATH} (where node and npm are), or null for the default
     * @param home the build's home folder (the package managers' caches live there)
     * @param buildEnv the person's variables from {@code BUILD_ENV}
     */
    public BuildEnvironment(String path, Path home, Map<String, String> buildEnv) {
        this(path, home, buildEnv, Map.of(), Map.of());
    }

    private final Map<String, String> toolEnv;
    private final Map<String, String> network;

    private BuildEnvironment(
            String path,
            Path home,
            Map<String, String> buildEnv,
            Map<String, String> toolEnv,
            Map<String, String> network) {
        this.path = path == null || path.isBlank() ? DEFAULT_PATH : path;
        this.home = home;
        this.buildEnv = Map.copyOf(buildEnv);
        this.toolEnv = Map.copyOf(toolEnv);
        this.network = Map.copyOf(network);
    }

    /** This environment with the host's {@link #NETWORK_VARIABLES} that {@code host} sets. */
    public BuildEnvironment withNetworkOf(Map<String, String> host) {
        Map<String, String> found = new LinkedHashMap<>();
        for (String name : NETWORK_VARIABLES) {
            String value = host.get(name);
            if (value != null && !value.isBlank()) {
                found.put(name, value);
            }
        }
        return new BuildEnvironment(path, home, buildEnv, toolEnv, found);
    }

    /**
     * This environment with {@code bin} first on {@code PATH} and the tools' own variables (the
     * package manager's shims and corepack's settings); the person's variables still win.
     */
    public BuildEnvironment withTools(Path bin, Map<String, String> tools) {
        return new BuildEnvironment(
                bin + java.io.File.pathSeparator + path, home, buildEnv, tools, network);
    }

    public Path home() {
        return home;
    }

    /**
     * For install: no {@code NODE_ENV} unless the person set one, so development dependencies (the
     * bundler itself, usually) are installed.
     */
    public Map<String, String> forInstall() {
        return make(null);
    }

    /** For build: {@code NODE_ENV=production} unless the person set another. */
    public Map<String, String> forBuild() {
        return make("production");
    }

    private Map<String, String> make(@Nullable String nodeEnv) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", path);
        env.put("HOME", home.toString());
        env.put("LANG", "C.UTF-8");
        env.put("CI", "1");
        // npm writes no debug log: it would sit in the build's home, deleted with the build, and
        // npm's "A complete log of this run can be found in …" would point there.
        env.put("npm_config_logs_max", "0");
        env.putAll(network);
        env.putAll(toolEnv);
        if (nodeEnv != null) {
            env.put("NODE_ENV", nodeEnv);
        }
        env.putAll(buildEnv);
        return env;
    }
}
