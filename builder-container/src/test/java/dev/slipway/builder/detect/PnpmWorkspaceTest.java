package dev.slipway.builder.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PnpmWorkspaceTest {

    @TempDir Path dir;

    @Test
    void aSettingsOnlyWorkspaceFileMeansPnpm10() throws Exception {
        Files.writeString(dir.resolve("pnpm-lock.yaml"), "lockfileVersion: '9.0'\n");
        Files.writeString(
                dir.resolve("pnpm-workspace.yaml"),
                "overrides:\n  sharp: ^0.34.5\nallowBuilds:\n  esbuild: true\n");
        ManagerChoice choice = new ManagerResolver(dir).resolve(dir, null);
        assertThat(choice.describe())
                .isEqualTo(
                        "pnpm 10 from pnpm-lock.yaml lockfileVersion 9.0 and pnpm-workspace.yaml without packages (settings only, as pnpm 10 allows)");
    }

    @Test
    void aWorkspaceWithPackagesKeepsTheLockfilesMajor() throws Exception {
        Files.writeString(dir.resolve("pnpm-lock.yaml"), "lockfileVersion: '9.0'\n");
        Files.writeString(dir.resolve("pnpm-workspace.yaml"), "packages:\n  - 'apps/*'\n");
        assertThat(new ManagerResolver(dir).resolve(dir, null).describe())
                .isEqualTo("pnpm 9 from pnpm-lock.yaml lockfileVersion 9.0");
    }
}
