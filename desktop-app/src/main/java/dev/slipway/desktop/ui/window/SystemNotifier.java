package dev.slipway.desktop.ui.window;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A desktop notification through the desktop's own tool: {@code notify-send} on Linux, {@code
 * osascript} on macOS. Where neither exists nothing is shown (logged once): the window's own state
 * still says how the build ended.
 */
public final class SystemNotifier implements Notifier {

    private static final Logger LOG = LoggerFactory.getLogger(SystemNotifier.class);
    private final String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    private boolean warned;

    @Override
    public void notify(String title, String body) {
        List<String> command =
                os.contains("mac")
                        ? List.of(
                                "osascript",
                                "-e",
                                "display notification \""
                                        + body.replace("\"", "'")
                                        + "\" with title \""
                                        + title.replace("\"", "'")
                                        + "\"")
                        : List.of("notify-send", "--app-name=Slipway", title, body);
        try {
            new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            if (!warned) {
                warned = true;
                LOG.info("No desktop notifications here (" + command.get(0) + ")");
            }
        }
    }
}
