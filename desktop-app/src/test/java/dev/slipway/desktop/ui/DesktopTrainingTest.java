package dev.slipway.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.desktop.ui.task.FxTaskRunner;
import dev.slipway.desktop.ui.window.WindowState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The training run of the app's class-data archive builds the real main window and renders it, off
 * screen: a picture of the Deploy screen at the default size, no window shown, nothing of the
 * user's written (the window's memory would otherwise move to the training's size and theme).
 */
@ExtendWith(ApplicationExtension.class)
class DesktopTrainingTest {

    @TempDir Path home;
    private InMemoryAppServices services;
    private FxTaskRunner tasks;

    @Start
    void start(Stage unused) {
        services = new InMemoryAppServices(home);
        tasks = new FxTaskRunner(2);
    }

    @AfterEach
    void tearDown() {
        services.wake.countDown();
        tasks.close();
    }

    @Test
    void rendersTheMainWindowOffScreenWithoutShowingOrWritingAnything() throws Exception {
        List<Window> before = List.copyOf(Window.getWindows());

        WritableImage image = DesktopTraining.renderOnce(services, tasks);

        assertThat(image.getWidth()).isEqualTo(WindowState.DEFAULT_WIDTH);
        assertThat(image.getHeight()).isEqualTo(WindowState.DEFAULT_HEIGHT);
        // A rendered screen (text, fields, buttons), not an empty scene of one colour.
        assertThat(colours(image)).hasSizeGreaterThan(20);
        assertThat(Window.getWindows()).containsExactlyElementsOf(before);
        try (Stream<Path> written = Files.list(home)) {
            assertThat(written).isEmpty();
        }
    }

    private static Set<Integer> colours(WritableImage image) {
        PixelReader pixels = image.getPixelReader();
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < (int) image.getHeight(); y += 3) {
            for (int x = 0; x < (int) image.getWidth(); x += 3) {
                seen.add(pixels.getArgb(x, y));
            }
        }
        return seen;
    }
}
