package dev.slipway.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceptEncodingTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "gzip, deflate, br|true|true", "gzip|false|true", "br;q=0, gzip|false|true",
                        "*|true|true",
                "*, gzip;q=0|true|false", "identity|false|false", "GZIP;Q=0.5|false|true",
                        "br;q=bogus|false|false",
                "''|false|false"
            })
    void readsQValues(String header, boolean br, boolean gzip) {
        assertThat(AcceptEncoding.parse(header)).isEqualTo(new AcceptEncoding(br, gzip));
    }
}
