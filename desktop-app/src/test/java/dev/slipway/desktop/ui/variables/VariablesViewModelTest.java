package dev.slipway.desktop.ui.variables;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.project.Slug;
import dev.slipway.desktop.ui.CurrentThreadTaskRunner;
import dev.slipway.desktop.ui.InMemoryAppServices;
import dev.slipway.desktop.ui.banner.BannerViewModel;
import dev.slipway.desktop.variables.BuildVariablesService.Variable;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VariablesViewModelTest {

    @TempDir Path home;
    private InMemoryAppServices services;
    private final BannerViewModel banner = new BannerViewModel();
    private VariablesViewModel vm;

    @BeforeEach
    void setUp() {
        services = new InMemoryAppServices(home);
        services.seed("demo", DeploymentStatus.READY, true);
        vm = new VariablesViewModel(services.variables(), new CurrentThreadTaskRunner(), banner);
        vm.show(Slug.of("demo"));
    }

    private void save(String name, String value, boolean secret) {
        vm.newNameProperty().set(name);
        vm.newValueProperty().set(value);
        vm.secretProperty().set(secret);
        vm.add();
    }

    @Test
    void savesPlainAndSecretVariablesAndMasksTheSecret() {
        save("API_URL", "https://api.example.com", false);
        save("API_TOKEN", "s3cr3t-value", true);

        assertThat(vm.variables())
                .extracting(Variable::name, VariablesViewModel::shownValue)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("API_TOKEN", VariablesViewModel.MASK),
                        org.assertj.core.groups.Tuple.tuple("API_URL", "https://api.example.com"));
        assertThat(vm.variables()).noneMatch(v -> "s3cr3t-value".equals(v.value()));
        assertThat(services.secretValues).containsEntry("demo/API_TOKEN", "s3cr3t-value");
        assertThat(vm.newNameProperty().get()).isEmpty();
        assertThat(vm.newValueProperty().get()).as("no secret left in the field").isEmpty();
        assertThat(vm.secretProperty().get()).isFalse();
    }

    @Test
    void removesTheChosenVariable() {
        save("A", "1", false);
        save("B", "2", false);
        vm.remove(vm.variables().get(0));
        assertThat(vm.variables()).extracting(Variable::name).containsExactly("B");
        assertThat(banner.messageProperty().get()).isEqualTo("Removed A from demo.");
    }

    @Test
    void explainsABadNameAndSavesNothing() {
        vm.newNameProperty().set("1BAD-NAME");
        assertThat(vm.nameProblemProperty().get()).contains("is not a variable name");
        assertThat(vm.canAddProperty().get()).isFalse();
        vm.add();
        assertThat(vm.variables()).isEmpty();
        assertThat(services.variableRecords.getOrDefault("demo", java.util.Map.of())).isEmpty();
    }

    @Test
    void aServiceRefusalIsShownAndTheTypedVariableIsKept() {
        save("SHORT", "abc", false);
        vm.show(Slug.of("ghost"));
        assertThat(banner.errorProperty().get()).isTrue();
        assertThat(banner.messageProperty().get()).contains("There is no project 'ghost'");
        vm.newNameProperty().set("X");
        vm.newValueProperty().set("1");
        vm.add();
        assertThat(banner.messageProperty().get()).contains("There is no project 'ghost'");
        assertThat(vm.newNameProperty().get()).as("kept to fix and retry").isEqualTo("X");
    }
}
