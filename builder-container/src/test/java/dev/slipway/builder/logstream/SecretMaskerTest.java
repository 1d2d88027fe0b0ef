package dev.slipway.builder.logstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {

    private final SecretMasker masker = new SecretMasker(List.of("ghp_abc/def+123"));

    @Test
    void masksTheTokenAndItsEncodedForms() {
        assertThat(masker.mask("token ghp_abc/def+123 here")).isEqualTo("token *** here");
        assertThat(masker.mask("https://h/r?t=ghp_abc%2Fdef%2B123")).isEqualTo("https://h/r?t=***");
        String basic =
                Base64.getEncoder().encodeToString("x-access-token:ghp_abc/def+123".getBytes());
        assertThat(masker.mask("Authorization: Basic " + basic))
                .isEqualTo("Authorization: Basic ***");
    }

    @Test
    void stripsCredentialsFromUrls() {
        assertThat(masker.mask("fetching https://bob:pa55@github.com/o/r.git"))
                .isEqualTo("fetching https://***@github.com/o/r.git");
    }

    @Test
    void leavesOrdinaryTextAndIgnoresShortValues() {
        SecretMasker shortOne = new SecretMasker(List.of("abc"));
        assertThat(shortOne.mask("abc def")).isEqualTo("abc def");
        assertThat(masker.mask("user@example.com wrote")).isEqualTo("user@example.com wrote");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {"p@ss", "pa:ss", "pa ss word", "pässwörd€", "a@b:c d@e"})
    void stripsAnyPasswordFromUrlsInOutput(String password) {
        String line =
                "npm error git clone https://bob:" + password + "@git.example.com/o/r.git failed";
        assertThat(masker.mask(line))
                .isEqualTo("npm error git clone https://***@git.example.com/o/r.git failed")
                .doesNotContain(password);
    }
}
