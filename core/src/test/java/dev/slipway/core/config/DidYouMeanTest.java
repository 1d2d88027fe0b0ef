package dev.slipway.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {

    private static final List<String> COMMANDS =
            List.of("deploy", "list", "logs", "rollback", "remove", "completion", "domains");

    @Test
    void offersNearNamesNearestFirst() {
        assertThat(DidYouMean.closest("deplyo", COMMANDS)).containsExactly("deploy");
        assertThat(DidYouMean.closest("lgs", COMMANDS)).startsWith("logs");
    }

    @Test
    void ignoresCase() {
        assertThat(DidYouMean.closest("baseDomian", List.of("baseDomain", "mode")))
                .containsExactly("baseDomain");
        assertThat(DidYouMean.closest("LIST", COMMANDS)).startsWith("list");
    }

    @Test
    void offersNothingForAFarName() {
        assertThat(DidYouMean.closest("xyzzy", COMMANDS)).isEmpty();
    }

    @Test
    void countsInsertionsDeletionsAndSubstitutions() {
        assertThat(DidYouMean.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(DidYouMean.distance("", "abc")).isEqualTo(3);
        assertThat(DidYouMean.distance("same", "same")).isZero();
    }
}
