package dev.slipway.builder.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DependencyCacheSizeTest {

    @Test
    void aSmallCacheIsNotZeroMebibytes() {
        assertThat(DependencyCache.size(300)).isEqualTo("300 B");
        assertThat(DependencyCache.size(40_000)).isEqualTo("39.1 KiB");
        assertThat(DependencyCache.size(5L * 1024 * 1024)).isEqualTo("5.0 MiB");
    }
}
