package dev.slipway.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void parsesOneRangeAgainstTheSize() {
        assertThat(ByteRange.parse("bytes=0-9", 100))
                .isEqualTo(new ByteRange.Part(new ByteRange(0, 9)));
        assertThat(ByteRange.parse("bytes=90-", 100))
                .isEqualTo(new ByteRange.Part(new ByteRange(90, 99)));
        assertThat(ByteRange.parse("bytes=90-500", 100))
                .isEqualTo(new ByteRange.Part(new ByteRange(90, 99)));
        assertThat(ByteRange.parse("bytes=-10", 100))
                .isEqualTo(new ByteRange.Part(new ByteRange(90, 99)));
        assertThat(ByteRange.parse("bytes=-500", 100))
                .isEqualTo(new ByteRange.Part(new ByteRange(0, 99)));
    }

    @Test
    void answersUnsatisfiableRanges() {
        assertThat(ByteRange.parse("bytes=100-", 100)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThat(ByteRange.parse("bytes=-0", 100)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThat(ByteRange.parse("bytes=0-0", 0)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }

    @Test
    void ignoresWhatItDoesNotServe() {
        for (String h :
                new String[] {
                    "items=0-1",
                    "bytes=1-0",
                    "bytes=a-b",
                    "bytes=0-1,5-6",
                    "bytes=",
                    "bytes=-",
                    "bytes=99999999999999999999-"
                }) {
            assertThat(ByteRange.parse(h, 100)).as(h).isInstanceOf(ByteRange.Whole.class);
        }
        assertThat(ByteRange.parse(null, 100)).isInstanceOf(ByteRange.Whole.class);
    }
}
