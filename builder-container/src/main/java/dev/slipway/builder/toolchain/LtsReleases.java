package dev.slipway.builder.toolchain;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Node's long-term-support lines, by codename and the day each became LTS (from the Node release
 * schedule): {@code lts/iron} is 20, {@code lts/*} the newest line that is LTS on the given day.
 * Add a row when a new line becomes LTS (every October).
 */
final class LtsReleases {

    record Line(int major, String codename, LocalDate since) {}

    static final List<Line> LINES =
            List.of(
                    new Line(4, "argon", LocalDate.parse("2015-10-12")),
                    new Line(6, "boron", LocalDate.parse("2016-10-18")),
                    new Line(8, "carbon", LocalDate.parse("2017-10-31")),
                    new Line(10, "dubnium", LocalDate.parse("2018-10-30")),
                    new Line(12, "erbium", LocalDate.parse("2019-10-21")),
                    new Line(14, "fermium", LocalDate.parse("2020-10-27")),
                    new Line(16, "gallium", LocalDate.parse("2021-10-26")),
                    new Line(18, "hydrogen", LocalDate.parse("2022-10-25")),
                    new Line(20, "iron", LocalDate.parse("2023-10-24")),
                    new Line(22, "jod", LocalDate.parse("2024-10-29")),
                    new Line(24, "krypton", LocalDate.parse("2025-10-28")),
                    new Line(26, "lithium", LocalDate.parse("2026-10-28")));

    private LtsReleases() {}

    /** The major of a codename ({@code iron} → 20), any case. */
    static Optional<Integer> byCodename(String codename) {
        String c = codename.toLowerCase(Locale.ROOT);
        return LINES.stream().filter(l -> l.codename().equals(c)).map(Line::major).findFirst();
    }

    /** The newest LTS major on {@code today}, or {@code back} lines before it ({@code lts/-1}). */
    static int newest(LocalDate today, int back) {
        List<Line> current = LINES.stream().filter(l -> !l.since().isAfter(today)).toList();
        int index = Math.max(0, current.size() - 1 - back);
        return current.get(index).major();
    }
}
