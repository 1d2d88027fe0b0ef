package dev.slipway.proxy.accesslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AccessLogTest {

    @Test
    void writesEscapedUtf8LinesThatParseAsJson() {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (AccessLog log = new AccessLog(lines::addAll, () -> {})) {
            log.line()
                    .raw("{\"path\":")
                    .string("/a\"b\\c\n\u0001\u0085é€😀")
                    .raw(",\"n\":")
                    .number(-42)
                    .raw(",\"ms\":")
                    .millis(12_034_567)
                    .raw(",\"ts\":\"")
                    .timestamp()
                    .raw("\",\"none\":")
                    .string(null)
                    .raw("}")
                    .end();
            await().atMost(Duration.ofSeconds(10)).until(() -> lines.size() == 1);
        }
        var json = JsonParser.parseString(lines.get(0)).getAsJsonObject();
        assertThat(json.get("path").getAsString()).isEqualTo("/a\"b\\c\n\u0001\u0085é€😀");
        assertThat(lines.get(0)).contains("\\u000a").contains("\\u0085").doesNotContain("\n");
        assertThat(json.get("n").getAsLong()).isEqualTo(-42);
        assertThat(json.get("ms").getAsString()).isEqualTo("12.034");
        assertThat(json.get("ts").getAsString())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(json.get("none").isJsonNull()).isTrue();
    }

    @Test
    void keepsEveryLineOfManyThreadsAndCutsLongValues() throws Exception {
        // A plain synchronized list: a copy-on-write one copies itself for every batch, and a sink
        // that slow makes the log drop lines by design.
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger dropped = new AtomicInteger();
        try (AccessLog log = new AccessLog(lines::addAll, dropped::incrementAndGet)) {
            Thread[] threads = new Thread[4];
            for (int t = 0; t < threads.length; t++) {
                int id = t;
                threads[t] =
                        new Thread(
                                () -> {
                                    for (int i = 0; i < 5000; i++) {
                                        log.line()
                                                .raw("{\"t\":")
                                                .number(id)
                                                .raw(",\"v\":")
                                                .string("x".repeat(i % 3 == 0 ? 5000 : 10))
                                                .raw("}")
                                                .end();
                                    }
                                });
                threads[t].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            // Every line is written or, when the sink fell behind (a loaded machine), counted as
            // dropped: none is lost without a trace.
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> lines.size() + dropped.get() == 20_000);
        }
        assertThat(lines).isNotEmpty();
        assertThat(lines)
                .allSatisfy(l -> assertThat(l.length()).isLessThan(JsonLine.MAX_VALUE_CHARS + 64));
    }

    @Test
    void dropsAndCountsLinesWhenTheSinkFallsBehind() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger dropped = new AtomicInteger();
        AccessLog.Sink stuck = batch -> release.await();
        try (AccessLog log = new AccessLog(stuck, dropped::incrementAndGet)) {
            String value = "y".repeat(1000);
            for (int i = 0; i < 10_000; i++) {
                log.line().raw("{\"v\":").string(value).raw("}").end();
            }
            assertThat(dropped.get()).as("at most 64 x 64 KiB wait").isPositive();
            release.countDown();
        }
    }
}
