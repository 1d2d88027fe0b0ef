import dev.slipway.core.config.SlipwayHome;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.log.OutputStream;
import dev.slipway.core.log.Phase;
import dev.slipway.core.project.Slug;
import dev.slipway.desktop.DefaultAppServices;
import dev.slipway.desktop.deploy.DeployRequest;
import dev.slipway.desktop.deploy.DeployService;
import dev.slipway.desktop.deploy.DeploymentHandle;
import dev.slipway.desktop.logs.LogService;
import dev.slipway.desktop.ui.DesktopUi;
import dev.slipway.desktop.ui.banner.BannerViewModel;
import dev.slipway.desktop.ui.deployment.DeploymentView;
import dev.slipway.desktop.ui.deployment.DeploymentViewModel;
import dev.slipway.desktop.ui.logpane.LogPaneView;
import dev.slipway.desktop.ui.logpane.LogPaneViewModel;
import dev.slipway.desktop.ui.task.FxTaskRunner;
import dev.slipway.desktop.ui.task.TaskRunner;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The desktop app's two benchmarks (docs/benchmarks/desktop.md), run by bench/desktop/run.sh:
 * {@code start HOME} prints the milliseconds from JVM start to the first frame of the main window
 * (real services, local mode); {@code flood N} feeds N log lines through the real log pane and
 * prints the process's resident memory afterwards.
 */
public final class DesktopBench {

  public static void main(String[] args) throws Exception {
    if (args[0].equals("main")) {
      // The parent JVM of java -jar's relaunch: time to main, then to a started child process.
      long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
      long inMain = System.currentTimeMillis() - jvmStart;
      Process child = new ProcessBuilder("true").start();
      long spawned = System.currentTimeMillis() - jvmStart;
      child.waitFor();
      System.out.println("main_ms " + inMain + " child_started_ms " + spawned);
    } else if (args[0].equals("start")) {
      start(Path.of(args[1]));
    } else {
      flood(Integer.parseInt(args[1]));
    }
  }

  private static void start(Path home) throws Exception {
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    System.out.println("phase main_entered_ms " + (System.currentTimeMillis() - jvmStart));
    DefaultAppServices services = DefaultAppServices.create(new SlipwayHome(home), System.getenv(), home);
    System.out.println("phase services_ms " + (System.currentTimeMillis() - jvmStart));
    FxTaskRunner tasks = new FxTaskRunner(4);
    CompletableFuture<Long> firstFrame = new CompletableFuture<>();
    Platform.startup(() -> {
      System.out.println("phase toolkit_ms " + (System.currentTimeMillis() - jvmStart));
      Stage stage = new Stage();
      DesktopUi ui = new DesktopUi(services, url -> {}, tasks, Clock.systemUTC(), ZoneId.systemDefault());
      System.out.println("phase ui_built_ms " + (System.currentTimeMillis() - jvmStart));
      ui.show(stage);
      System.out.println("phase shown_ms " + (System.currentTimeMillis() - jvmStart));
      new AnimationTimer() {
        @Override
        public void handle(long now) {
          stop();
          firstFrame.complete(System.currentTimeMillis());
        }
      }.start();
    });
    long shown = firstFrame.get(60, TimeUnit.SECONDS);
    System.out.println("start_ms " + (shown - jvmStart));
    tasks.close();
    services.close();
    Platform.exit();
    System.exit(0);
  }

  private static void flood(int lines) throws Exception {
    LogService flood =
        new LogService() {
          @Override
          public LogSubscription follow(DeploymentId id, Consumer<LogEvent> onEvent, Runnable onEnd, Consumer<Throwable> onError) {
            Thread producer = new Thread(() -> {
              Instant t = Instant.now();
              onEvent.accept(LogEvent.status(1, t, DeploymentStatus.BUILDING));
              for (int i = 1; i <= lines; i++) {
                String line = i % 10 == 0
                    ? "\u001b[33mwarn\u001b[39m chunk " + i + " is larger than 500 kB after minification"
                    : "\u001b[32m✓\u001b[39m transformed module " + i + " src/components/Widget" + i + ".tsx";
                onEvent.accept(LogEvent.line(i + 1, t, Phase.BUILD, i % 7 == 0 ? OutputStream.STDERR : OutputStream.STDOUT, line));
                if (i % 2000 == 0) {
                  try {
                    Thread.sleep(10);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                }
              }
              onEvent.accept(LogEvent.ready(lines + 2, Instant.now(), "http://flood.localhost:8000/"));
              onEnd.run();
            }, "bench-log-producer");
            producer.setDaemon(true);
            producer.start();
            return () -> {};
          }

          @Override
          public List<LogEvent> read(DeploymentId id) {
            return List.of();
          }
        };
    DeployService none =
        new DeployService() {
          @Override
          public DeploymentHandle deploy(DeployRequest request) {
            throw new UnsupportedOperationException();
          }

          @Override
          public void cancel(DeploymentId id) {}
        };
    TaskRunner direct = new TaskRunner() {
      @Override
      public <T> void run(String what, java.util.concurrent.Callable<T> work, Consumer<? super T> ok, Consumer<Throwable> failed) {
        try {
          ok.accept(work.call());
        } catch (Exception e) {
          failed.accept(e);
        }
      }
    };
    CompletableFuture<DeploymentViewModel> ready = new CompletableFuture<>();
    long started = System.nanoTime();
    Platform.startup(() -> {
      DeploymentViewModel vm = new DeploymentViewModel(flood, none, direct, url -> {}, new BannerViewModel(), Clock.systemUTC(), new LogPaneViewModel());
      Stage stage = new Stage();
      stage.setScene(new Scene(new DeploymentView(vm, new LogPaneView(vm.logPane()), () -> {}).root(), 1200, 760));
      stage.show();
      vm.statusProperty().addListener((o, a, now) -> {
        if (now == DeploymentStatus.READY) {
          ready.complete(vm);
        }
      });
      vm.watch(new DeploymentHandle(Slug.of("flood"), DeploymentId.newId(), null));
    });
    DeploymentViewModel vm = ready.get(10, TimeUnit.MINUTES);
    long ms = (System.nanoTime() - started) / 1_000_000;
    Thread.sleep(500);
    System.gc();
    Thread.sleep(500);
    long shownLines = fx(() -> (long) vm.logPane().lines().size());
    long total = fx(() -> vm.logPane().totalLinesProperty().get());
    Runtime rt = Runtime.getRuntime();
    System.out.println("flood_lines " + total + " kept " + shownLines + " in_ms " + ms);
    System.out.println("heap_used_mb " + (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024));
    System.out.println("rss_mb " + rssKb() / 1024);
    Platform.exit();
    System.exit(0);
  }

  private static long rssKb() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  private static <T> T fx(java.util.concurrent.Callable<T> work) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    Platform.runLater(() -> {
      try {
        result.complete(work.call());
      } catch (Exception e) {
        result.completeExceptionally(e);
      }
    });
    return result.get(30, TimeUnit.SECONDS);
  }
}
