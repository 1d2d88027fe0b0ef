package dev.slipway.desktop.ui.logpane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.log.OutputStream;
import dev.slipway.core.log.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

class LogLineListTest {

    private static List<LogLine> lines(int from, int to) {
        return IntStream.range(from, to)
                .mapToObj(i -> new LogLine(i, Phase.BUILD, OutputStream.STDOUT, "l" + i))
                .toList();
    }

    @Test
    void appendsThenDropsOldestInOneChangeWhenFull() {
        LogLineList list = new LogLineList(5);
        List<String> changes = new ArrayList<>();
        list.addListener(
                (ListChangeListener<LogLine>)
                        c -> {
                            while (c.next()) {
                                changes.add(
                                        (c.wasRemoved()
                                                        ? "-"
                                                                + c.getFrom()
                                                                + "x"
                                                                + c.getRemovedSize()
                                                        : "")
                                                + (c.wasAdded()
                                                        ? "+" + c.getFrom() + ".." + c.getTo()
                                                        : ""));
                            }
                        });

        assertThat(list.append(lines(0, 3))).isZero();
        assertThat(list.append(lines(3, 7))).isEqualTo(2);

        assertThat(list).extracting(LogLine::seq).containsExactly(2L, 3L, 4L, 5L, 6L);
        assertThat(changes).containsExactly("+0..3", "-0x2", "+1..5");
        assertThat(list.append(lines(7, 12))).isEqualTo(5);
        assertThat(list).extracting(LogLine::seq).containsExactly(7L, 8L, 9L, 10L, 11L);

        list.reset();
        assertThat(list).isEmpty();
        list.append(lines(20, 22));
        assertThat(list).extracting(LogLine::seq).containsExactly(20L, 21L);
    }
}
