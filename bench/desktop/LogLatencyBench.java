import dev.slipway.builder.BuilderSettings;
import dev.slipway.builder.logstream.BuildLog;
import dev.slipway.builder.logstream.RedisLogPublisher;
import dev.slipway.builder.logstream.SecretMasker;
import dev.slipway.core.config.SlipwayConfig;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.log.LogProtocol;
import dev.slipway.core.log.OutputStream;
import dev.slipway.core.log.Phase;
import dev.slipway.core.project.Slug;
import dev.slipway.desktop.backend.Backend;
import dev.slipway.desktop.deploy.DeployRequest;
import dev.slipway.desktop.deploy.DeployService;
import dev.slipway.desktop.deploy.DeploymentHandle;
import dev.slipway.desktop.logs.LogService;
import dev.slipway.desktop.logs.RedisLogService;
import dev.slipway.desktop.logstream.LogStreams;
import dev.slipway.desktop.ui.banner.BannerViewModel;
import dev.slipway.desktop.ui.deployment.DeploymentView;
import dev.slipway.desktop.ui.deployment.DeploymentViewModel;
import dev.slipway.desktop.ui.logpane.LogLine;
import dev.slipway.desktop.ui.logpane.LogPaneView;
import dev.slipway.desktop.ui.logpane.LogPaneViewModel;
import dev.slipway.desktop.ui.task.TaskRunner;
import io.lettuce.core.RedisClient;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;

/**
 * The log pane against a real Redis stream (docs/benchmarks/desktop.md), run by
 * bench/desktop/run.sh and loglatency.sh: {@code LogLatencyBench REDIS_URL LINES RATE} starts a
 * build writer in a process of its own that writes LINES lines at RATE lines a second through the
 * builder's own {@code BuildLog} and {@code RedisLogPublisher} (EVALSHA batches of {@code XADD …
 * MAXLEN ~ 100000}), then READY, while the real reader ({@link RedisLogService}) and the real
 * deployment view follow it in a window. Prints how long after READY reached Redis (the
 * publisher's own acknowledgement) the pane showed the final line at its bottom with the status
 * READY, when the reader got READY and when the writer had exited, then the resident memory.
 */
public final class LogLatencyBench {

  public static void main(String[] args) throws Exception {
    if (args[0].equals("produce")) {
      produce(args[1], DeploymentId.of(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
      return;
    }
    String redisUrl = args[0];
    int lines = Integer.parseInt(args[1]);
    int rate = Integer.parseInt(args[2]);
    DeploymentId id = DeploymentId.newId();
    String key = LogProtocol.streamKey(id);
    XAddArgs trim = XAddArgs.Builder.maxlen(LogProtocol.MAX_STREAM_LENGTH).approximateTrimming();
    RedisClient queuedClient = RedisClient.create(redisUrl);
    try (StatefulRedisConnection<String, String> c = queuedClient.connect()) {
      c.sync().xadd(key, trim, Map.of(LogProtocol.EVENT_FIELD, LogEvent.status(0, Instant.now(), DeploymentStatus.QUEUED).toJson()));
    }
    queuedClient.shutdown();

    LogStreams streams = new LogStreams(redisUrl, "start redis-server");
    Backend backend = Backend.of(SlipwayConfig.defaults(), null, streams, null, List.of(streams));
    RedisLogService reader = new RedisLogService(() -> backend, Duration.ofSeconds(60));
    // The real reader, with the moment the terminal event reaches it noted (where the time goes).
    AtomicLong readerGotEnd = new AtomicLong();
    LogService logs =
        new LogService() {
          @Override
          public LogSubscription follow(DeploymentId d, Consumer<LogEvent> onEvent, Runnable onEnd, Consumer<Throwable> onError) {
            return reader.follow(d, noting(onEvent), onEnd, onError);
          }

          @Override
          public LogSubscription followWithoutGapNotices(DeploymentId d, Consumer<LogEvent> onEvent, Runnable onEnd, Consumer<Throwable> onError) {
            return reader.followWithoutGapNotices(d, noting(onEvent), onEnd, onError);
          }

          private Consumer<LogEvent> noting(Consumer<LogEvent> onEvent) {
            return e -> {
              if (e.isTerminal()) {
                readerGotEnd.compareAndSet(0, System.currentTimeMillis());
              }
              onEvent.accept(e);
            };
          }

          @Override
          public List<LogEvent> read(DeploymentId d) {
            return reader.read(d);
          }

          @Override
          public List<LogEvent> range(DeploymentId d, long from, long to) {
            return reader.range(d, from, to);
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
    TaskRunner direct =
        new TaskRunner() {
          @Override
          public <T> void run(String what, java.util.concurrent.Callable<T> work, Consumer<? super T> ok, Consumer<Throwable> failed) {
            try {
              ok.accept(work.call());
            } catch (Exception e) {
              failed.accept(e);
            }
          }
        };

    long finalSeq = lines + 1;
    CompletableFuture<Long> reached = new CompletableFuture<>();
    CompletableFuture<DeploymentViewModel> following = new CompletableFuture<>();
    Platform.startup(
        () -> {
          DeploymentViewModel vm =
              new DeploymentViewModel(logs, none, direct, url -> {}, new BannerViewModel(), Clock.systemUTC(), new LogPaneViewModel());
          LogPaneView pane = new LogPaneView(vm.logPane());
          Stage stage = new Stage();
          stage.setScene(new Scene(new DeploymentView(vm, pane, () -> {}).root(), 1200, 760));
          stage.show();
          vm.watch(new DeploymentHandle(Slug.of("flood"), id, null));
          new AnimationTimer() {
            @Override
            public void handle(long now) {
              List<LogLine> shown = vm.logPane().lines();
              if (shown.isEmpty() || shown.get(shown.size() - 1).seq() != finalSeq || vm.status() != DeploymentStatus.READY) {
                return;
              }
              VirtualFlow<?> flow = (VirtualFlow<?>) stage.getScene().getRoot().lookup(".virtual-flow");
              IndexedCell<?> last = flow == null ? null : flow.getLastVisibleCell();
              if (last != null && last.getIndex() == shown.size() - 1) {
                stop();
                reached.complete(System.currentTimeMillis());
              }
            }
          }.start();
          following.complete(vm);
        });
    DeploymentViewModel vm = following.get(60, TimeUnit.SECONDS);

    // The build writes from a process of its own, as the builder does.
    String javaBin = ProcessHandle.current().info().command().orElse("java");
    Process producer =
        new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), "LogLatencyBench", "produce", redisUrl, id.value(), String.valueOf(lines), String.valueOf(rate))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    // The producer prints its end as soon as READY is in Redis, before it closes and exits.
    BufferedReader out = new BufferedReader(new InputStreamReader(producer.getInputStream(), StandardCharsets.UTF_8));
    String report = out.readLine();
    if (report == null || !report.startsWith("end_ms ")) {
      producer.waitFor(30, TimeUnit.SECONDS);
      throw new IllegalStateException("the producer failed: " + report);
    }
    String[] parts = report.split(" ");
    long endMs = Long.parseLong(parts[1]);
    double seconds = Double.parseDouble(parts[3]);
    long at = reached.get(5, TimeUnit.MINUTES);
    // A reader far behind skips to the end and fills the lines between afterwards: the pane has
    // the whole log once it no longer counts any as missing.
    long deadline = System.currentTimeMillis() + 60_000;
    while (fx(() -> vm.logPane().lineCountTextProperty().get().contains("missing")) && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    long wholeAt = System.currentTimeMillis();
    if (!producer.waitFor(60, TimeUnit.SECONDS) || producer.exitValue() != 0) {
      throw new IllegalStateException("the producer did not end cleanly");
    }
    long exitedMs = System.currentTimeMillis();
    System.out.printf("redis_lines %d in %.2f s (%.0f lines/s written)%n", lines, seconds, lines / seconds);
    System.out.printf("final_line_after_end_ms %d%n", at - endMs);
    System.out.printf("reader_got_end_after_end_ms %d producer_exited_after_end_ms %d whole_log_after_end_ms %d%n", readerGotEnd.get() - endMs, exitedMs - endMs, wholeAt - endMs);
    Thread.sleep(500);
    System.gc();
    Thread.sleep(500);
    long kept = fx(() -> (long) vm.logPane().lines().size());
    long total = fx(() -> vm.logPane().totalLinesProperty().get());
    Runtime rt = Runtime.getRuntime();
    System.out.println("pane_lines " + total + " kept " + kept + " max_heap_mb " + rt.maxMemory() / (1024 * 1024));
    System.out.println("heap_used_mb " + (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024));
    System.out.println("rss_mb " + rssKb() / 1024);
    Platform.exit();
    System.exit(0);
  }

  /**
   * The build's side, written as a build writes it: LINES lines through the builder's own {@link
   * BuildLog} into its {@link RedisLogPublisher} (batches of one EVALSHA each, {@code XADD … MAXLEN ~
   * 100000}), paced to RATE lines a second, then READY. Prints, as soon as the publisher has
   * delivered the terminal event to Redis, when that was; closes and exits after that.
   */
  private static void produce(String redisUrl, DeploymentId id, int lines, int rate) throws Exception {
    RedisClient client = RedisClient.create(redisUrl);
    RedisLogPublisher publisher = new RedisLogPublisher(client, id, BuilderSettings.from(Map.of()).maxPendingEvents());
    BuildLog log = new BuildLog(Clock.systemUTC(), SecretMasker.none(), List.of(publisher));
    log.status(DeploymentStatus.BUILDING);
    long start = System.nanoTime();
    for (int i = 1; i <= lines; i++) {
      String line = i % 10 == 0
          ? "\u001b[33mwarn\u001b[39m chunk " + i + " is larger than 500 kB after minification"
          : "\u001b[32m✓\u001b[39m transformed module " + i + " src/components/Widget" + i + ".tsx";
      log.line(Phase.BUILD, i % 7 == 0 ? OutputStream.STDERR : OutputStream.STDOUT, line);
      if (i % 1000 == 0) {
        long wait = start + (long) (i * 1_000_000_000L / (double) rate) - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
      }
    }
    log.ready("http://flood.localhost:8000/");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!publisher.terminalDelivered()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("READY did not reach Redis within 120 s");
      }
      LockSupport.parkNanos(100_000);
    }
    long endMs = System.currentTimeMillis();
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(java.util.Locale.ROOT, "end_ms %d seconds %.3f%n", endMs, seconds);
    System.out.flush();
    publisher.close();
    client.shutdown();
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
