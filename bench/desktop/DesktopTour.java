import dev.slipway.core.config.SlipwayHome;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.desktop.DefaultAppServices;
import dev.slipway.desktop.ui.DesktopUi;
import dev.slipway.desktop.ui.task.FxTaskRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Drives the real app (real services, local mode) through a deploy that goes live, one that
 * fails, and the settings dialog, taking a screenshot of the X display at each step with
 * ImageMagick's import. Run by bench/desktop/screenshots.sh under Xvfb.
 *
 * <p>Arguments: SLIPWAY_HOME, a repository that builds slowly, a repository that fails, the
 * folder for the PNG files.
 */
public final class DesktopTour {

  private static Stage stage;

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args[0]);
    String slowRepo = args[1];
    String brokenRepo = args[2];
    Path out = Path.of(args[3]);
    Files.createDirectories(out);
    DefaultAppServices services = DefaultAppServices.create(new SlipwayHome(home), System.getenv(), home);
    FxTaskRunner tasks = new FxTaskRunner(4);
    CompletableFuture<DesktopUi> shown = new CompletableFuture<>();
    Platform.startup(() -> {
      stage = new Stage();
      DesktopUi ui = new DesktopUi(services, url -> System.out.println("open " + url), tasks, Clock.systemUTC(), ZoneId.of("UTC"));
      ui.show(stage);
      // The size the app opens at the first time (WindowState's default), at the screen's corner.
      stage.setX(0);
      stage.setY(0);
      stage.setWidth(dev.slipway.desktop.ui.window.WindowState.DEFAULT_WIDTH);
      stage.setHeight(dev.slipway.desktop.ui.window.WindowState.DEFAULT_HEIGHT);
      shown.complete(ui);
    });
    DesktopUi ui = shown.get(120, TimeUnit.SECONDS);

    deploy(slowRepo);
    waitUntil(() -> status() == DeploymentStatus.BUILDING && lineCount() > 12, 180);
    Thread.sleep(1500);
    shot(out.resolve("deploying.png"));
    waitUntil(() -> status() == DeploymentStatus.READY, 180);
    Thread.sleep(800);
    shot(out.resolve("live.png"));
    theme(ui, dev.slipway.desktop.ui.window.Theme.DARK);
    shot(out.resolve("live-dark.png"));
    theme(ui, dev.slipway.desktop.ui.window.Theme.LIGHT);

    deploy(brokenRepo);
    waitUntil(() -> status() == DeploymentStatus.FAILED, 180);
    Thread.sleep(800);
    shot(out.resolve("failed.png"));
    theme(ui, dev.slipway.desktop.ui.window.Theme.DARK);
    shot(out.resolve("failed-dark.png"));
    theme(ui, dev.slipway.desktop.ui.window.Theme.LIGHT);

    // The Projects tab: the deployments with their own addresses, the Live badge.
    fx(() -> {
      ((javafx.scene.control.TabPane) stage.getScene().getRoot().lookup(".tab-pane")).getSelectionModel().select(1);
      return null;
    });
    Thread.sleep(8000);
    fx(() -> {
      javafx.scene.control.ListView<?> list = (javafx.scene.control.ListView<?>) stage.getScene().lookup("#projectList");
      list.getSelectionModel().select(list.getItems().size() - 1);
      return null;
    });
    Thread.sleep(8000);
    shot(out.resolve("projects.png"));
    theme(ui, dev.slipway.desktop.ui.window.Theme.DARK);
    shot(out.resolve("projects-dark.png"));
    theme(ui, dev.slipway.desktop.ui.window.Theme.LIGHT);

    fx(() -> {
      ui.openSettings();
      return null;
    });
    Thread.sleep(1500);
    fx(() -> {
      ((Button) findIn("#testButton")).fire();
      return null;
    });
    Thread.sleep(4000);
    shot(out.resolve("settings.png"));

    fx(() -> {
      ui.close();
      stage.hide();
      return null;
    });
    tasks.close();
    services.stack().stop();
    services.close();
    Platform.exit();
    System.exit(0);
  }

  private static void deploy(String repo) throws Exception {
    fx(() -> {
      TextField field = (TextField) stage.getScene().lookup("#repoField");
      field.setText(repo);
      ((Button) stage.getScene().lookup("#deployButton")).fire();
      return null;
    });
    Thread.sleep(1500);
  }

  private static Node findIn(String id) {
    for (Window w : Window.getWindows()) {
      Node n = w.getScene().lookup(id);
      if (n != null) {
        return n;
      }
    }
    throw new IllegalStateException("No " + id);
  }

  private static DeploymentStatus status() throws Exception {
    return fx(() -> {
      for (Node n : stage.getScene().getRoot().lookupAll(".step")) {
        if (n.getStyleClass().contains("step-state-active")) {
          return DeploymentStatus.valueOf(((Label) ((javafx.scene.layout.VBox) n).getChildren().get(1)).getText().toUpperCase()
              .replace("LIVE", "READY"));
        }
      }
      if (stage.getScene().lookup("#liveBox").isVisible()) {
        return DeploymentStatus.READY;
      }
      if (stage.getScene().lookup("#failedBox").isVisible()) {
        return DeploymentStatus.FAILED;
      }
      return null;
    });
  }

  private static int lineCount() throws Exception {
    return fx(() -> ((javafx.scene.control.ListView<?>) stage.getScene().lookup(".log-list")).getItems().size());
  }

  private static void waitUntil(Callable condition, int seconds) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      if (condition.holds()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("Timed out waiting for the app");
  }

  private interface Callable {
    boolean holds() throws Exception;
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
    return result.get(120, TimeUnit.SECONDS);
  }

  private static void theme(DesktopUi ui, dev.slipway.desktop.ui.window.Theme theme) throws Exception {
    fx(() -> {
      ui.themeProperty().set(theme);
      return null;
    });
    Thread.sleep(5000);
  }

  private static void shot(Path file) throws Exception {
    String size = (int) dev.slipway.desktop.ui.window.WindowState.DEFAULT_WIDTH + "x" + (int) dev.slipway.desktop.ui.window.WindowState.DEFAULT_HEIGHT + "+0+0";
    Process p = new ProcessBuilder("import", "-window", "root", "-crop", size, "+repage", file.toString()).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("import failed for " + file);
    }
    System.out.println("screenshot " + file);
  }
}
