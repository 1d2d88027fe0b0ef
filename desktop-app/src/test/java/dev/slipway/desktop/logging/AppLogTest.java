package dev.slipway.desktop.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.NopStatusListener;
import dev.slipway.core.config.SlipwayHome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class AppLogTest {

    @TempDir Path home;

    @AfterEach
    void detach() {
        AppLog.closeFile();
        AppLog.endDebug();
    }

    /**
     * The levels come from {@link Levels}, found by logback as a service (no XML is parsed): a
     * library's info message is dropped, its warning kept, Slipway's own info kept, and logback
     * says nothing about itself on the terminal.
     */
    @Test
    void theLevelsAreSetInCodeWhenLogbackStarts() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(context.getLogger("io.lettuce.core.RedisClient").getEffectiveLevel())
                .isEqualTo(Level.ERROR);
        assertThat(context.getLogger("software.amazon.awssdk.core").getEffectiveLevel())
                .isEqualTo(Level.WARN);
        assertThat(context.getLogger("dev.slipway.desktop.cli").getEffectiveLevel())
                .isEqualTo(Level.INFO);
        assertThat(context.getStatusManager().getCopyOfStatusListenerList())
                .anyMatch(NopStatusListener.class::isInstance);
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .noneMatch(s -> s.getMessage().contains("logback.xml"));
    }

    @Test
    void anExceptionOfABackgroundThreadLandsInTheLogFile() {
        AppLog.toFile(new SlipwayHome(home));
        String marker = "background failure " + UUID.randomUUID();

        Thread t =
                DaemonThreads.start(
                        "slipway-test-worker",
                        () -> {
                            throw new IllegalStateException(marker);
                        });

        assertThat(t.isDaemon()).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> logText().contains(marker));
        assertThat(logText())
                .contains("ERROR")
                .contains("Uncaught in thread slipway-test-worker")
                .contains("java.lang.IllegalStateException: " + marker)
                .contains("\tat ");
    }

    @Test
    void aPoolsThreadsAreNamedDaemonsThatLogWhatTheyThrow() throws Exception {
        AppLog.toFile(new SlipwayHome(home));
        String marker = "pool failure " + UUID.randomUUID();
        DaemonThreads factory = DaemonThreads.named("slipway-test-pool");

        Thread first = factory.newThread(() -> {});
        Thread second =
                factory.newThread(
                        () -> {
                            throw new IllegalArgumentException(marker);
                        });
        second.start();

        assertThat(first.getName()).isEqualTo("slipway-test-pool-1");
        assertThat(second.getName()).isEqualTo("slipway-test-pool-2");
        assertThat(first.isDaemon()).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> logText().contains(marker));
        assertThat(logText()).contains("Uncaught in thread slipway-test-pool-2");
    }

    /**
     * The file is made by the first event, not before: a command that logs nothing writes nothing.
     */
    @Test
    void theFileIsMadeByTheFirstEvent() {
        AppLog.toFile(new SlipwayHome(home));
        LoggerFactory.getLogger(AppLogTest.class).debug("below the level");
        assertThat(AppLog.folder(new SlipwayHome(home))).doesNotExist();

        String marker = "first warning " + UUID.randomUUID();
        LoggerFactory.getLogger(AppLogTest.class).warn(marker);
        LoggerFactory.getLogger(AppLogTest.class).warn(marker + " again");
        assertThat(logText()).contains("WARN").contains(marker).contains(marker + " again");
    }

    @Test
    void debugGoesToTheGivenStreamOnlyUntilItEnds() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AppLog.debugTo(new PrintStream(err, true, StandardCharsets.UTF_8));
        LoggerFactory.getLogger(AppLogTest.class).debug("while debugging");
        AppLog.endDebug();
        LoggerFactory.getLogger(AppLogTest.class).debug("after debugging");

        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("DEBUG").contains("while debugging");
        assertThat(text).doesNotContain("after debugging");
    }

    private String logText() {
        Path folder = AppLog.folder(new SlipwayHome(home));
        if (!Files.isDirectory(folder)) {
            return "";
        }
        try (Stream<Path> files = Files.list(folder)) {
            StringBuilder all = new StringBuilder();
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
                all.append(Files.readString(f, StandardCharsets.UTF_8));
            }
            return all.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
