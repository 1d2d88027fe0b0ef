package dev.slipway.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class TcpCorkTest {

    /**
     * The build's JVM flags (and the jar's manifest, the image's flags) open {@code sun.nio.ch}:
     * without it large files go uncorked and cost about twice nginx's CPU.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void corksOnLinuxWithTheJvmFlagsTheBuildUses() {
        assertThat(TcpCork.available()).isTrue();
    }
}
