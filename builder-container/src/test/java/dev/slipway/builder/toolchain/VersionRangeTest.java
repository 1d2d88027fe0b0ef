package dev.slipway.builder.toolchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionRangeTest {

    private static NodeVersion v(String s) {
        return NodeVersion.parse(s).orElseThrow();
    }

    @ParameterizedTest(name = "''{0}'' includes {1}: {2}")
    @CsvSource(
            delimiter = ';',
            value = {
                "22;22.0.0;true",
                "22;22.23.5;true",
                "22;23.0.0;false",
                "22;21.9.9;false",
                "v22.3.0;22.3.0;true",
                "v22.3.0;22.3.1;false",
                "=22.3.0;22.3.0;true",
                "22.3;22.3.9;true",
                "22.3;22.4.0;false",
                "22.x;22.9.0;true",
                "22.X.x;22.9.0;true",
                "*;0.8.6;true",
                "x;26.1.0;true",
                "'';26.1.0;true",
                ">=18 <21;18.0.0;true",
                ">=18 <21;20.20.2;true",
                ">=18 <21;21.0.0;false",
                ">=18 <21;17.9.1;false",
                ">= 18 < 21;20.1.0;true",
                ">18;18.99.0;false",
                ">18;19.0.0;true",
                ">18.2;18.2.9;false",
                ">18.2;18.3.0;true",
                ">18.2.3;18.2.4;true",
                ">18.2.3;18.2.3;false",
                "<20;19.9.9;true",
                "<20;20.0.0;false",
                "<=20;20.99.0;true",
                "<=20;21.0.0;false",
                "<=20.1.2;20.1.2;true",
                "<=20.1.2;20.1.3;false",
                "^20.11;20.11.0;true",
                "^20.11;20.99.1;true",
                "^20.11;20.10.9;false",
                "^20.11;21.0.0;false",
                "^0.12.3;0.12.9;true",
                "^0.12.3;0.13.0;false",
                "^0.0.3;0.0.3;true",
                "^0.0.3;0.0.4;false",
                "^0.x;0.12.0;true",
                "^0.x;1.0.0;false",
                "~20.11;20.11.9;true",
                "~20.11;20.12.0;false",
                "~20;20.99.0;true",
                "~20;21.0.0;false",
                "~20.11.1;20.11.0;false",
                "~>20.11.1;20.11.5;true",
                "18.x || 20.x;18.20.8;true",
                "18.x || 20.x;20.20.2;true",
                "18.x || 20.x;19.9.0;false",
                "^18.17.0 || >=20.5.0;18.16.9;false",
                "^18.17.0 || >=20.5.0;18.20.8;true",
                "^18.17.0 || >=20.5.0;20.4.0;false",
                "^18.17.0 || >=20.5.0;26.0.0;true",
                "18 - 20;20.99.0;true",
                "18 - 20;21.0.0;false",
                "18 - 20;17.9.0;false",
                "18.2 - 20.3.4;20.3.4;true",
                "18.2 - 20.3.4;20.3.5;false",
                "18.2 - 20.3.4;18.1.9;false",
                ">=20.0.0-rc.1;20.0.0;true",
                ">x;20.0.0;false",
                "<x;20.0.0;false",
                ">=x;20.0.0;true",
            })
    void includes(String range, String version, boolean expected) {
        assertThat(VersionRange.parse(range).includes(v(version))).isEqualTo(expected);
    }

    @Test
    void preReleasesNeverMatch() {
        assertThat(VersionRange.parse("*").includes(v("4.1.0-pkg1"))).isFalse();
        assertThat(VersionRange.parse(">=4").includes(v("4.2.1-pkg2"))).isFalse();
    }

    @Test
    void highestPicksTheNewestRelease() {
        List<NodeVersion> versions =
                List.of(v("18.20.8"), v("20.20.2"), v("20.19.0"), v("22.23.5"), v("23.0.0-x"));
        assertThat(VersionRange.parse("20").highest(versions)).contains(v("20.20.2"));
        assertThat(VersionRange.parse(">=18 <21").highest(versions)).contains(v("20.20.2"));
        assertThat(VersionRange.parse("*").highest(versions)).contains(v("22.23.5"));
        assertThat(VersionRange.parse("99").highest(versions)).isEmpty();
    }

    @Test
    void rejectsWhatIsNotAVersion() {
        for (String bad : List.of("iron", ">=", "abc || 18", "18.x.y", "1 - 2 - 3", "v", "18..2")) {
            assertThatThrownBy(() -> VersionRange.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void comparesVersionsNumerically() {
        assertThat(v("20.10.0")).isGreaterThan(v("20.9.0"));
        assertThat(v("v20.9.0")).isEqualTo(v("20.9.0"));
        assertThat(v("4.1.0")).isGreaterThan(v("4.1.0-pkg1"));
        assertThat(NodeVersion.parse("22")).isEmpty();
    }
}
