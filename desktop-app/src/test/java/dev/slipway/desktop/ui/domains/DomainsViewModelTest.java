package dev.slipway.desktop.ui.domains;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.domain.DomainRecord;
import dev.slipway.core.project.Slug;
import dev.slipway.desktop.ui.CurrentThreadTaskRunner;
import dev.slipway.desktop.ui.InMemoryAppServices;
import dev.slipway.desktop.ui.banner.BannerViewModel;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DomainsViewModelTest {

    @TempDir Path home;
    private InMemoryAppServices services;
    private final BannerViewModel banner = new BannerViewModel();
    private DomainsViewModel vm;

    @BeforeEach
    void setUp() {
        services = new InMemoryAppServices(home);
        services.seed("demo", DeploymentStatus.READY, true);
        services.seed("blog", DeploymentStatus.READY, true);
        vm = new DomainsViewModel(services.domains(), new CurrentThreadTaskRunner(), banner);
    }

    @Test
    void addsListsAndRemovesTheSelectedProjectsHosts() {
        vm.show(Slug.of("demo"));
        assertThat(vm.domains()).isEmpty();

        vm.newHostProperty().set("WWW.Example.com.");
        assertThat(vm.canAddProperty().get()).isTrue();
        vm.add();

        assertThat(services.domainRecords)
                .containsEntry("www.example.com", new DomainRecord("www.example.com", "demo"));
        assertThat(vm.domains()).extracting(DomainRecord::host).containsExactly("www.example.com");
        assertThat(vm.newHostProperty().get()).as("the field empties after adding").isEmpty();
        assertThat(banner.messageProperty().get()).contains("www.example.com now serves demo");

        vm.remove(vm.domains().get(0));
        assertThat(services.domainRecords).isEmpty();
        assertThat(vm.domains()).isEmpty();
    }

    @Test
    void explainsABadHostAsItIsTypedAndDoesNotAddIt() {
        vm.show(Slug.of("demo"));
        vm.newHostProperty().set("https://www.example.com/path");
        assertThat(vm.hostProblemProperty().get()).contains("is not a host name");
        assertThat(vm.canAddProperty().get()).isFalse();
        vm.add();
        assertThat(services.domainRecords).isEmpty();
    }

    @Test
    void aHostOfAnotherProjectIsRefusedWithTheReason() {
        vm.show(Slug.of("blog"));
        vm.newHostProperty().set("www.example.com");
        vm.add();
        vm.show(Slug.of("demo"));
        vm.newHostProperty().set("www.example.com");
        vm.add();

        assertThat(banner.errorProperty().get()).isTrue();
        assertThat(banner.messageProperty().get()).contains("belongs to project 'blog'");
        assertThat(services.domainRecords.get("www.example.com").project()).isEqualTo("blog");
        assertThat(vm.domains()).isEmpty();
    }

    @Test
    void showsOnlyTheSelectedProjectsDomains() {
        services.domainRecords.put("a.example.com", new DomainRecord("a.example.com", "demo"));
        services.domainRecords.put("b.example.com", new DomainRecord("b.example.com", "blog"));
        vm.show(Slug.of("blog"));
        assertThat(vm.domains()).extracting(DomainRecord::host).containsExactly("b.example.com");
        vm.show(null);
        assertThat(vm.domains()).isEmpty();
        assertThat(vm.canAddProperty().get()).isFalse();
    }
}
