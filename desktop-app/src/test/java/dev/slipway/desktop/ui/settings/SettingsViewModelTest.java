package dev.slipway.desktop.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.config.ConfigStore;
import dev.slipway.core.config.Mode;
import dev.slipway.core.config.SlipwayConfig;
import dev.slipway.desktop.doctor.CheckResult;
import dev.slipway.desktop.doctor.DoctorService;
import dev.slipway.desktop.ui.CurrentThreadTaskRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsViewModelTest {

    @TempDir Path home;
    private ConfigStore store;
    private final List<SlipwayConfig> checked = new ArrayList<>();
    private SettingsViewModel vm;

    @BeforeEach
    void setUp() {
        store = new ConfigStore(home.resolve("config.json"));
        DoctorService doctor =
                new DoctorService() {
                    @Override
                    public List<CheckResult> run(SlipwayConfig config) {
                        checked.add(config);
                        return List.of(
                                new CheckResult("config", true, "ok"),
                                new CheckResult(
                                        "S3 bucket my-sites",
                                        false,
                                        "AccessDenied: check the profile's policy."));
                    }

                    @Override
                    public Optional<String> awsIdentity(SlipwayConfig config) {
                        return Optional.empty();
                    }
                };
        vm = new SettingsViewModel(store, doctor, new CurrentThreadTaskRunner());
    }

    @Test
    void showsDefaultsWhenNoFile() {
        vm.load();
        assertThat(vm.modeProperty().get()).isEqualTo(Mode.LOCAL);
        assertThat(vm.baseDomainProperty().get()).isEqualTo("localhost");
        assertThat(vm.proxyPortProperty().get()).isEqualTo("8000");
        assertThat(vm.regionProperty().get()).isEqualTo("us-east-1");
    }

    @Test
    void savesEveryFieldAndReadsThemBack() throws Exception {
        vm.load();
        vm.modeProperty().set(Mode.AWS);
        vm.baseDomainProperty().set("sites.example.com");
        vm.proxyPortProperty().set("8080");
        vm.profileProperty().set("work");
        vm.regionProperty().set("eu-west-1");
        vm.bucketProperty().set("my-sites");
        vm.clusterProperty().set("builds");
        vm.taskDefinitionProperty().set("slipway-builder:3");
        vm.containerNameProperty().set("b");
        vm.subnetsProperty().set("subnet-1, subnet-2");
        vm.securityGroupsProperty().set("sg-1");
        vm.assignPublicIpProperty().set(false);
        vm.redisUrlProperty().set("rediss://cache.example.com:6379");

        vm.save();

        assertThat(vm.problemProperty().get()).isEmpty();
        assertThat(vm.savedMessageProperty().get()).contains("config.json");
        SlipwayConfig saved = store.load();
        assertThat(saved.mode()).isEqualTo(Mode.AWS);
        assertThat(saved.baseDomain()).isEqualTo("sites.example.com");
        assertThat(saved.proxyPort()).isEqualTo(8080);
        assertThat(saved.aws().subnets()).containsExactly("subnet-1", "subnet-2");
        assertThat(saved.aws().assignPublicIp()).isFalse();
        assertThat(saved.aws().redisUrl()).isEqualTo("rediss://cache.example.com:6379");

        SettingsViewModel again = new SettingsViewModel(store, null, new CurrentThreadTaskRunner());
        again.load();
        assertThat(again.profileProperty().get()).isEqualTo("work");
        assertThat(again.taskDefinitionProperty().get()).isEqualTo("slipway-builder:3");
        assertThat(again.securityGroupsProperty().get()).isEqualTo("sg-1");
        assertThat(again.modeProperty().get()).isEqualTo(Mode.AWS);
    }

    @Test
    void refusesBadPortAndDomainWithoutWriting() {
        vm.load();
        vm.proxyPortProperty().set("80000");
        vm.save();
        assertThat(vm.problemProperty().get()).contains("from 1 to 65535");
        assertThat(Files.exists(store.file())).isFalse();

        vm.proxyPortProperty().set("8000");
        vm.baseDomainProperty().set("Not A Domain");
        vm.save();
        assertThat(vm.problemProperty().get())
                .contains("baseDomain")
                .doesNotContain(store.file().toString());
        assertThat(Files.exists(store.file())).isFalse();
    }

    @Test
    void keepsARedisPasswordOnlyInAnOwnerOnlyConfigFile() throws Exception {
        vm.load();
        vm.redisUrlProperty().set("rediss://:hunter2@cache.example.com:6379");
        vm.save();
        assertThat(vm.problemProperty().get()).isEmpty();
        assertThat(store.load().aws().redisUrl())
                .isEqualTo("rediss://:hunter2@cache.example.com:6379");
        assertThat(
                        java.nio.file.attribute.PosixFilePermissions.toString(
                                Files.getPosixFilePermissions(store.file())))
                .isEqualTo("rw-------");
    }

    @Test
    void testConnectionRunsDoctorOnTheValuesAsTyped() {
        vm.load();
        vm.modeProperty().set(Mode.AWS);
        vm.bucketProperty().set("my-sites");
        vm.subnetsProperty().set("subnet-1");
        vm.redisUrlProperty().set("rediss://cache:6379");
        vm.testConnection();
        assertThat(checked).hasSize(1);
        assertThat(checked.get(0).aws().bucket()).isEqualTo("my-sites");
        assertThat(vm.checks()).extracting(CheckResult::ok).containsExactly(false, true);
        assertThat(Files.exists(store.file())).as("testing does not save").isFalse();
    }

    @Test
    void brokenFileIsExplainedAndDefaultsShown() throws Exception {
        Files.writeString(store.file(), "{\"mode\": \"cloud\"}");
        vm.load();
        assertThat(vm.problemProperty().get()).contains("\"mode\" must be \"local\" or \"aws\"");
        assertThat(vm.modeProperty().get()).isEqualTo(Mode.LOCAL);
    }
}
