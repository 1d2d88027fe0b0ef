package dev.slipway.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountsTest {

    @Test
    void theNounIsSingularForOneOnly() {
        assertThat(Counts.of(1, "file")).isEqualTo("1 file");
        assertThat(Counts.of(0, "file")).isEqualTo("0 files");
        assertThat(Counts.of(2, "blob")).isEqualTo("2 blobs");
        assertThat(Counts.of(-1, "line")).isEqualTo("-1 lines");
    }
}
