package dev.slipway.desktop.ui.browser;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The desktop's own way to open a URL: {@code open} on macOS, {@code xdg-open} (then {@code
 * $BROWSER}) on Linux and other Unix desktops, JavaFX's HostServices on Windows. JavaFX's
 * HostServices alone fails silently on a Linux desktop without a URL handler (it only prints
 * "Operation not supported"), so on Unix the program's exit status decides.
 */
public final class SystemBrowser implements Browser {

    /** How long a program may take to say it failed; still running after that means it opened. */
    private static final long ANSWER_SECONDS = 5;

    private final String os;
    private final Map<String, String> env;
    private final Consumer<String> hostServices;

    public SystemBrowser(Consumer<String> hostServices) {
        this(System.getProperty("os.name", ""), System.getenv(), hostServices);
    }

    SystemBrowser(String os, Map<String, String> env, Consumer<String> hostServices) {
        this.os = os.toLowerCase(Locale.ROOT);
        this.env = env;
        this.hostServices = hostServices;
    }

    @Override
    public void open(String url) {
        if (os.contains("win")) {
            hostServices.accept(url);
            return;
        }
        List<List<String>> commands = new ArrayList<>();
        if (os.contains("mac")) {
            commands.add(List.of("open", url));
        } else {
            commands.add(List.of("xdg-open", url));
            String browser = env.get("BROWSER");
            if (browser != null && !browser.isBlank()) {
                for (String program : browser.split(":")) {
                    if (!program.isBlank()) {
                        commands.add(List.of(program.trim(), url));
                    }
                }
            }
        }
        String last = "no program to open URLs was found";
        for (List<String> command : commands) {
            try {
                Process p =
                        new ProcessBuilder(command)
                                .redirectErrorStream(true)
                                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                                .start();
                if (!p.waitFor(ANSWER_SECONDS, TimeUnit.SECONDS) || p.exitValue() == 0) {
                    return;
                }
                last = command.get(0) + " could not open it (exit status " + p.exitValue() + ")";
            } catch (IOException e) {
                last = command.get(0) + " is not installed";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BrowserUnavailableException("Opening the browser was interrupted.", e);
            }
        }
        throw new BrowserUnavailableException(
                last + "; set a default browser for your desktop, or set $BROWSER.", null);
    }
}
