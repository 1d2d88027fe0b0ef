package dev.slipway.desktop.ui.window;

import com.google.gson.JsonParseException;
import dev.slipway.core.config.SlipwayHome;
import dev.slipway.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers the window between runs in {@code $SLIPWAY_HOME/desktop.json}. A missing or broken file
 * gives the defaults (logged once): a window size is not worth an error dialog.
 */
public final class WindowStateStore {

    private static final Logger LOG = LoggerFactory.getLogger(WindowStateStore.class);

    private final Path file;

    public WindowStateStore(SlipwayHome home) {
        this(home.root().resolve("desktop.json"));
    }

    public WindowStateStore(Path file) {
        this.file = file;
    }

    public WindowState load() {
        try {
            WindowState s =
                    Json.documents()
                            .fromJson(
                                    Files.readString(file, StandardCharsets.UTF_8),
                                    WindowState.class);
            return s == null
                    ? WindowState.defaults()
                    : new WindowState(
                            s.x(),
                            s.y(),
                            s.width(),
                            s.height(),
                            s.maximized(),
                            s.theme(),
                            s.stackOnClose(),
                            s.recentRepositories(),
                            s.form(),
                            s.lastProject(),
                            s.lastDeployment());
        } catch (NoSuchFileException missing) {
            return WindowState.defaults();
        } catch (IOException | JsonParseException e) {
            LOG.warn(
                    "Ignoring "
                            + file
                            + " ("
                            + e.getMessage()
                            + "); using the default window size");
            return WindowState.defaults();
        }
    }

    public void save(WindowState state) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp =
                    Files.createTempFile(file.toAbsolutePath().getParent(), "desktop", ".json.tmp");
            Files.writeString(tmp, Json.pretty().toJson(state), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warn("Could not remember the window in " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }
}
