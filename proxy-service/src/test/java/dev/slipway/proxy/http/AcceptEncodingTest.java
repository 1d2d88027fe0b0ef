package dev.slipway.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceptEncodingTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "gzip, deflate, br|br gzip",
                "gzip|gzip",
                "br;q=0, gzip|gzip",
                "*|br gzip",
                "*, gzip;q=0|br",
                "identity|''",
                "GZIP;Q=0.5|gzip",
                "br;q=bogus|''",
                "gzip;q=1, br;q=0.1|gzip br",
                "br;q=0.9, gzip;q=0.9|br gzip",
                "gzip;q=0.8, br|br gzip",
                "gzip;q=1.5|''",
                "gzip ; q=0.001|gzip",
                "''|''"
            })
    void ordersCodingsByQValue(String header, String expected) {
        String order =
                String.join(
                        " ",
                        AcceptEncoding.parse(header).preferred().stream()
                                .map(e -> e.contentEncoding())
                                .toList());
        assertThat(order).isEqualTo(expected);
    }
}
