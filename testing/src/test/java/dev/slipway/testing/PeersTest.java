package dev.slipway.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class PeersTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(Peers.CI_PROPERTY);
    }

    @Test
    void ciVariableCountsUnlessEmptyFalseOrZero() {
        assertThat(Peers.isSet("true")).isTrue();
        assertThat(Peers.isSet("1")).isTrue();
        assertThat(Peers.isSet("yes")).isTrue();
        assertThat(Peers.isSet(null)).isFalse();
        assertThat(Peers.isSet("")).isFalse();
        assertThat(Peers.isSet("false")).isFalse();
        assertThat(Peers.isSet("FALSE")).isFalse();
        assertThat(Peers.isSet("0")).isFalse();
    }

    @Test
    void aMissingPeerFailsOnCiNamingItAndWhatGoesUnchecked() {
        System.setProperty(Peers.CI_PROPERTY, "true");

        assertThat(Peers.onCi()).isTrue();
        assertThatThrownBy(
                        () ->
                                Peers.require(
                                        "no-such-peer-on-any-path",
                                        "apt-get install nothing",
                                        "the thing"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("no-such-peer-on-any-path is not on PATH")
                .hasMessageContaining("apt-get install nothing")
                .hasMessageContaining("the thing would go unchecked");
    }

    @Test
    void aPeerOnPathIsFound() {
        java.nio.file.Path sh = Peers.require("sh", "it is part of every POSIX system", "nothing");

        assertThat(sh).isExecutable();
        assertThat(sh.getFileName().toString()).isEqualTo("sh");
    }
}
