package dev.slipway.desktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RemoveCommandTest {

    @Test
    void countsAreSingularForOneAndSizesUseTheUnitThatFits() {
        assertThat(RemoveCommand.count(1, "deployment")).isEqualTo("1 deployment");
        assertThat(RemoveCommand.count(0, "log")).isEqualTo("0 logs");
        assertThat(RemoveCommand.count(3, "file")).isEqualTo("3 files");
        assertThat(RemoveCommand.bytes(0)).isEqualTo("0 B");
        assertThat(RemoveCommand.bytes(2048)).isEqualTo("2.0 KiB");
        assertThat(RemoveCommand.bytes(3 * 1024 * 1024)).isEqualTo("3.0 MiB");
    }
}
