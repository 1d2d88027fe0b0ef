package dev.slipway.builder.toolchain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NpmRegistryTest {

    @Test
    void readsSriIntegrity() {
        assertThat(NpmRegistry.sha512("sha1-abc sha512-XYZ==")).isEqualTo("XYZ==");
        assertThat(NpmRegistry.sha512("sha1-abc")).isNull();
    }
}
