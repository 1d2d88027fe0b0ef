package dev.slipway.desktop.ui.statusbar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.config.ConfigStore;
import dev.slipway.core.config.Mode;
import dev.slipway.core.config.SlipwayConfig;
import dev.slipway.desktop.doctor.CheckResult;
import dev.slipway.desktop.doctor.DoctorService;
import dev.slipway.desktop.stack.StackService;
import dev.slipway.desktop.stack.StackStatus;
import dev.slipway.desktop.ui.CurrentThreadTaskRunner;
import dev.slipway.desktop.ui.banner.BannerViewModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusBarViewModelTest {

    @TempDir Path home;
    private StackStatus stackStatus = StackStatus.stopped();
    private final AtomicInteger identityCalls = new AtomicInteger();

    private StatusBarViewModel vm(ConfigStore store) {
        StackService stack =
                new StackService() {
                    @Override
                    public StackStatus status() {
                        return stackStatus;
                    }

                    @Override
                    public StackStatus ensureRunning() {
                        stackStatus =
                                new StackStatus(
                                        true,
                                        "http://127.0.0.1:9100",
                                        "redis://127.0.0.1:6400",
                                        8000,
                                        42);
                        return stackStatus;
                    }

                    @Override
                    public void stop() {}
                };
        DoctorService doctor =
                new DoctorService() {
                    @Override
                    public List<CheckResult> run(SlipwayConfig config) {
                        return List.of();
                    }

                    @Override
                    public Optional<String> awsIdentity(SlipwayConfig config) {
                        identityCalls.incrementAndGet();
                        return Optional.of("arn:aws:iam::123456789012:user/dev");
                    }
                };
        return new StatusBarViewModel(
                store, stack, doctor, new CurrentThreadTaskRunner(), new BannerViewModel());
    }

    @Test
    void showsStoppedStackWithStartThenItsPortsOnceStarted() {
        StatusBarViewModel vm = vm(new ConfigStore(home.resolve("config.json")));
        vm.refresh();
        assertThat(vm.textProperty().get()).startsWith("Local stack stopped");
        assertThat(vm.canStartStackProperty().get()).isTrue();

        vm.startStack();
        assertThat(vm.textProperty().get())
                .isEqualTo(
                        "Local stack running · proxy :8000 · S3 :9100 · Redis :6400 · sites at http://<project>.localhost:8000/");
        assertThat(vm.healthyProperty().get()).isTrue();
        assertThat(vm.canStartStackProperty().get()).isFalse();
    }

    @Test
    void showsAwsIdentityAndDoesNotAskStsOnEveryRefresh() {
        ConfigStore store = new ConfigStore(home.resolve("config.json"));
        store.save(SlipwayConfig.defaults().withMode(Mode.AWS));
        StatusBarViewModel vm = vm(store);
        vm.refresh();
        vm.refresh();
        assertThat(vm.textProperty().get())
                .isEqualTo("AWS us-east-1 · profile default · arn:aws:iam::123456789012:user/dev");
        assertThat(identityCalls).hasValue(1);
    }
}
