package dev.slipway.desktop.ui.logpane;

import static dev.slipway.desktop.ui.FxHelpers.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.log.LogEvent;
import dev.slipway.core.log.OutputStream;
import dev.slipway.core.log.Phase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.scene.Scene;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The log pane's Times toggle in a real window: each line's time shows, then goes again. */
@ExtendWith(ApplicationExtension.class)
class LogPaneViewTest {

    private static final Instant T = Instant.parse("2026-12-03T18:30:01.250Z");

    private final LogPaneViewModel vm = new LogPaneViewModel();

    @Start
    void start(Stage stage) {
        LogPaneView view = new LogPaneView(vm);
        stage.setScene(new Scene(view.root(), 900, 400));
        stage.show();
        for (int i = 0; i < 3; i++) {
            vm.offer(
                    LogLine.of(
                            LogEvent.line(
                                    i + 1,
                                    T.plusSeconds(i),
                                    Phase.BUILD,
                                    OutputStream.STDOUT,
                                    "line " + (i + 1))));
        }
        vm.drain();
    }

    private static List<String> times(FxRobot robot) {
        return onFx(
                () ->
                        robot.lookup(".log-time").queryAllAs(Text.class).stream()
                                .filter(t -> t.getParent() != null && t.isVisible())
                                .map(Text::getText)
                                .sorted()
                                .toList());
    }

    @Test
    void timesShowsEachLinesTimeAndHidesItAgain(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(times(robot)).isEmpty();

        robot.clickOn("#timesToggle");
        WaitForAsyncUtils.waitForFxEvents();
        DateTimeFormatter local =
                DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
                        .withZone(ZoneId.systemDefault());
        assertThat(times(robot))
                .containsExactly(
                        local.format(T),
                        local.format(T.plusSeconds(1)),
                        local.format(T.plusSeconds(2)));

        robot.clickOn("#timesToggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(times(robot)).isEmpty();
    }
}
