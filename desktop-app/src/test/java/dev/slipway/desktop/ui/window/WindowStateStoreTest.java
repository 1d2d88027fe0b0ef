package dev.slipway.desktop.ui.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowStateStoreTest {

    @TempDir Path home;

    @Test
    void remembersPlaceSizeAndTheme() {
        WindowStateStore store = new WindowStateStore(home.resolve("desktop.json"));
        store.save(new WindowState(40.0, 60.0, 1300, 900, false, Theme.DARK));
        assertThat(store.load())
                .isEqualTo(new WindowState(40.0, 60.0, 1300, 900, false, Theme.DARK));
    }

    @Test
    void defaultsWhenMissingOrBrokenAndNeverBelowMinimum() throws Exception {
        WindowStateStore store = new WindowStateStore(home.resolve("desktop.json"));
        assertThat(store.load()).isEqualTo(WindowState.defaults());
        Files.writeString(store.file(), "{not json");
        assertThat(store.load()).isEqualTo(WindowState.defaults());
        store.save(new WindowState(null, null, 100, 100, false, null));
        assertThat(store.load().width()).isEqualTo(WindowState.MIN_WIDTH);
        assertThat(store.load().theme()).isEqualTo(Theme.LIGHT);
    }
}
