package dev.slipway.desktop.ui.deployform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.project.Slug;
import dev.slipway.core.project.SpaMode;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.desktop.deploy.DeployRequest;
import dev.slipway.desktop.deploy.DeployService;
import dev.slipway.desktop.deploy.DeploymentHandle;
import dev.slipway.desktop.ui.CurrentThreadTaskRunner;
import dev.slipway.desktop.ui.banner.BannerViewModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeployFormViewModelTest {

    private final List<DeployRequest> requests = new ArrayList<>();
    private final List<DeploymentHandle> deployed = new ArrayList<>();
    private final BannerViewModel banner = new BannerViewModel();
    private RuntimeException failWith;
    private DeployService.RecentDeploy runningAlready;
    private DeployFormViewModel vm;

    @BeforeEach
    void setUp() {
        DeployService deployer =
                new DeployService() {
                    @Override
                    public DeploymentHandle deploy(DeployRequest request) {
                        requests.add(request);
                        if (failWith != null) {
                            throw failWith;
                        }
                        return new DeploymentHandle(
                                Slug.of(request.slug()),
                                DeploymentId.newId(),
                                "http://x.localhost:8000/");
                    }

                    @Override
                    public Optional<RecentDeploy> recentDuplicate(DeployRequest request) {
                        return Optional.ofNullable(runningAlready);
                    }

                    @Override
                    public void cancel(DeploymentId id) {}
                };
        vm =
                new DeployFormViewModel(
                        deployer, new CurrentThreadTaskRunner(), banner, deployed::add);
    }

    @Test
    void startsQuietAndDisabled() {
        assertThat(vm.slugProblemProperty().get()).isEmpty();
        assertThat(vm.repoProblemProperty().get()).isEmpty();
        assertThat(vm.canDeployProperty().get()).isFalse();
    }

    @Test
    void suggestsSlugFromRepositoryUntilUserTypesOne() {
        vm.repoUrlProperty().set("https://github.com/Owner/My_Site.git");
        assertThat(vm.slugProperty().get()).isEqualTo("my-site");
        assertThat(vm.canDeployProperty().get()).isTrue();

        vm.slugProperty().set("blog");
        vm.repoUrlProperty().set("https://github.com/owner/other");
        assertThat(vm.slugProperty().get()).as("a typed slug is kept").isEqualTo("blog");

        vm.slugProperty().set("");
        vm.repoUrlProperty().set("https://github.com/owner/third");
        assertThat(vm.slugProperty().get())
                .as("clearing the slug resumes suggestions")
                .isEqualTo("third");
    }

    @Test
    void explainsAnInvalidSlugAsItIsTypedAndDisablesDeploy() {
        vm.repoUrlProperty().set("https://github.com/o/site");
        vm.slugProperty().set("My Site");
        assertThat(vm.slugProblemProperty().get())
                .contains("lower-case letters")
                .contains("try 'my-site'");
        assertThat(vm.canDeployProperty().get()).isFalse();

        vm.slugProperty().set("admin");
        assertThat(vm.slugProblemProperty().get()).contains("reserved");

        vm.slugProperty().set("my-site");
        assertThat(vm.slugProblemProperty().get()).isEmpty();
        assertThat(vm.canDeployProperty().get()).isTrue();
    }

    @Test
    void rejectsSomethingThatIsNotARepository() {
        vm.repoUrlProperty().set("not a url");
        assertThat(vm.repoProblemProperty().get()).contains("no spaces");
        vm.repoUrlProperty().set("github.com/o/r");
        assertThat(vm.repoProblemProperty().get()).contains("https://host/owner/repo");
        assertThat(vm.canDeployProperty().get()).isFalse();
        vm.repoUrlProperty().set("/home/me/site");
        assertThat(vm.repoProblemProperty().get()).isEmpty();
    }

    @Test
    void checksEnvironmentVariableNamesAndDuplicates() {
        vm.repoUrlProperty().set("https://github.com/o/site");
        EnvVarRow row = vm.addEnvVar();
        assertThat(vm.canDeployProperty().get()).as("an empty row is ignored").isTrue();
        row.keyProperty().set("1BAD");
        assertThat(vm.envProblemProperty().get()).contains("'1BAD' is not a variable name");
        assertThat(vm.canDeployProperty().get()).isFalse();
        row.keyProperty().set("API_URL");
        vm.addEnvVar().keyProperty().set("API_URL");
        assertThat(vm.envProblemProperty().get()).contains("set twice");
    }

    @Test
    void deploySendsEveryFieldAndHandsOverTheHandle() {
        vm.repoUrlProperty().set("  https://github.com/o/site  ");
        vm.refProperty().set("v1.2");
        vm.rootDirectoryProperty().set("web");
        vm.installCommandProperty().set("");
        vm.buildCommandProperty().set("npm run build:prod");
        vm.outputDirectoryProperty().set("dist");
        vm.spaProperty().set(SpaMode.TRUE);
        EnvVarRow row = vm.addEnvVar();
        row.keyProperty().set("API_URL");
        row.valueProperty().set("https://api.example.com");
        vm.addEnvVar();

        vm.deploy();

        assertThat(requests).hasSize(1);
        DeployRequest r = requests.get(0);
        assertThat(r.repoUrl()).isEqualTo("https://github.com/o/site");
        assertThat(r.slug()).isEqualTo("site");
        assertThat(r.settings().ref()).isEqualTo("v1.2");
        assertThat(r.settings().rootDirectory()).isEqualTo("web");
        assertThat(r.settings().installCommand()).isNull();
        assertThat(r.settings().buildCommand()).isEqualTo("npm run build:prod");
        assertThat(r.settings().outputDirectory()).isEqualTo("dist");
        assertThat(r.settings().spa()).isEqualTo(SpaMode.TRUE);
        assertThat(r.env()).isEqualTo(Map.of("API_URL", "https://api.example.com"));
        assertThat(deployed).hasSize(1);
        assertThat(vm.deployingProperty().get()).isFalse();
    }

    @Test
    void deployDoesNothingWhileInvalid() {
        vm.repoUrlProperty().set("https://github.com/o/site");
        vm.slugProperty().set("-bad");
        vm.deploy();
        assertThat(requests).isEmpty();
    }

    @Test
    void refusedDeployShowsTheServiceSentenceAndCanBeRetried() {
        failWith =
                SlipwayException.badInput(
                        "The project 'site' belongs to https://github.com/x/site; tick Replace to take it over.");
        vm.repoUrlProperty().set("https://github.com/o/site");
        vm.deploy();
        assertThat(banner.messageProperty().get()).startsWith("The project 'site' belongs to");
        assertThat(banner.errorProperty().get()).isTrue();
        assertThat(vm.canDeployProperty().get()).isTrue();
        assertThat(deployed).isEmpty();
    }

    @Test
    void previewIsAskedForInTheRequest() {
        vm.repoUrlProperty().set("https://github.com/o/site");
        vm.deploy();
        vm.previewProperty().set(true);
        vm.slugProperty().set("other");
        vm.deploy();
        assertThat(requests).extracting(DeployRequest::preview).containsExactly(false, true);
    }

    @Test
    void aPlainFolderIsAcceptedAndSaysItsFilesAreDeployedAsTheyAre(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path plain = java.nio.file.Files.createDirectory(dir.resolve("My Notes"));
        java.nio.file.Files.writeString(plain.resolve("index.html"), "<h1>hi</h1>");
        vm.repoUrlProperty().set(plain.toString());

        assertThat(vm.repoProblemProperty().get()).isEmpty();
        assertThat(vm.sourceHintProperty().get()).startsWith("A folder without Git");
        assertThat(vm.slugProperty().get()).isEqualTo("my-notes");
        vm.deploy();
        assertThat(requests).extracting(DeployRequest::repoUrl).containsExactly(plain.toString());

        java.nio.file.Path repo = java.nio.file.Files.createDirectory(dir.resolve("repo"));
        java.nio.file.Files.createDirectory(repo.resolve(".git"));
        vm.repoUrlProperty().set(repo.toString());
        assertThat(vm.sourceHintProperty().get()).startsWith("A Git repository");
        vm.repoUrlProperty().set("https://github.com/o/site");
        assertThat(vm.sourceHintProperty().get()).isEmpty();
    }

    @Test
    void asksBeforeASecondIdenticalDeployAndStartsNothingUntilAnswered() {
        DeploymentId first = DeploymentId.newId();
        runningAlready =
                new DeployService.RecentDeploy(Slug.of("site"), first, Duration.ofSeconds(3));
        vm.repoUrlProperty().set("https://github.com/o/site");

        vm.deploy();

        assertThat(requests).as("nothing starts before the answer").isEmpty();
        DeployFormViewModel.Duplicate asked = vm.pendingDuplicateProperty().get();
        assertThat(asked).isNotNull();
        assertThat(asked.question())
                .contains("site started the same deploy 3 s ago (" + first + ")")
                .endsWith("Start another identical build?");
        assertThat(vm.deployingProperty().get()).isFalse();

        vm.cancelDuplicate();
        assertThat(vm.pendingDuplicateProperty().get()).isNull();
        assertThat(requests).isEmpty();

        vm.deploy();
        vm.confirmDuplicate();
        assertThat(requests).singleElement().satisfies(r -> assertThat(r.repeat()).isTrue());
        assertThat(deployed).hasSize(1);
    }

    @Test
    void aDeployWithNoIdenticalOneRunningStartsWithoutAsking() {
        vm.repoUrlProperty().set("https://github.com/o/site");
        vm.deploy();
        assertThat(vm.pendingDuplicateProperty().get()).isNull();
        assertThat(requests).singleElement().satisfies(r -> assertThat(r.repeat()).isFalse());
    }
}
