package dev.slipway.core.project;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RepositoryCredentialsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "p@ss",
                "pa:ss",
                "pa ss",
                "pässwörd€",
                "p@ss:w rd@x",
                "a@b@c@d",
                "tok en:@ :",
            })
    void masksAnyPasswordInTheUserInfo(String password) {
        String url = "https://alice:" + password + "@git.example.com/o/r.git";
        String line = "fatal: unable to access '" + url + "/': The requested URL returned error";

        String masked = RepositoryCredentials.strip(line);

        assertThat(masked)
                .isEqualTo(
                        "fatal: unable to access 'https://***@git.example.com/o/r.git/': The requested URL returned error")
                .doesNotContain(password)
                .doesNotContain("alice");
        assertThat(RepositoryCredentials.present(url)).isTrue();
    }

    @Test
    void findsAPasswordHoldingASlash() {
        assertThat(RepositoryCredentials.present("https://alice:p/w@host/o/r")).isTrue();
        assertThat(RepositoryCredentials.present("https://alice@host/o/r")).isTrue();
    }

    @Test
    void showsOneUrlWithoutAnyCredentials() {
        assertThat(RepositoryCredentials.withoutCredentials("https://alice:p/w@host/o/r"))
                .isEqualTo("https://***@host/o/r");
        assertThat(RepositoryCredentials.withoutCredentials("https://a:p@ss w@host/o/r"))
                .isEqualTo("https://***@host/o/r");
        assertThat(RepositoryCredentials.withoutCredentials("https://host/o/r"))
                .isEqualTo("https://host/o/r");
    }

    @Test
    void acceptsUrlsWithoutCredentials() {
        assertThat(RepositoryCredentials.present("https://github.com/o/r")).isFalse();
        assertThat(RepositoryCredentials.present("https://host:8443/o/r")).isFalse();
        assertThat(RepositoryCredentials.present("https://[::1]:8443/o/r")).isFalse();
        assertThat(RepositoryCredentials.present("https://host/@scope/pkg")).isFalse();
        assertThat(RepositoryCredentials.present("/home/me/site")).isFalse();
    }

    @Test
    void leavesTextWithoutCredentialsAlone() {
        String line = "GET https://registry.npmjs.org/@babel%2fcore 200 and pkg@1.2.3 installed";
        assertThat(RepositoryCredentials.strip(line)).isEqualTo(line);
        assertThat(RepositoryCredentials.strip("npm warn deprecated foo@1.0.0"))
                .isEqualTo("npm warn deprecated foo@1.0.0");
    }

    @Test
    void masksEveryUrlOfALineSeparately() {
        assertThat(
                        RepositoryCredentials.strip(
                                "from https://a:x@one.example/r to https://b:y z@two.example/s"))
                .isEqualTo("from https://***@one.example/r to https://***@two.example/s");
    }
}
