package dev.slipway.desktop;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import dev.slipway.testing.ArchitectureRules;

/** The shared architecture rules on the desktop app and the CLI. */
@AnalyzeClasses(
        packages = {"dev.slipway.desktop"},
        importOptions = ImportOption.DoNotIncludeTests.class)
class DesktopArchitectureTest {

    @ArchTest static final ArchTests rules = ArchTests.in(ArchitectureRules.class);

    /**
     * The commands use the services through their interfaces ({@link AppServices}), so they run
     * against any implementation (CliServicesTest: the in-memory one); only {@code CliContext}, the
     * CLI's composition root, names the default one.
     */
    @ArchTest
    static final ArchRule commandsGoThroughTheServiceInterfaces =
            noClasses()
                    .that()
                    .resideInAPackage("dev.slipway.desktop.cli..")
                    .and()
                    .doNotHaveSimpleName("CliContext")
                    .should()
                    .dependOnClassesThat()
                    .haveFullyQualifiedName(DefaultAppServices.class.getName())
                    .orShould()
                    .dependOnClassesThat()
                    .haveFullyQualifiedName("dev.slipway.desktop.backend.Backends")
                    .because("commands run against AppServices, tested with the in-memory ones");
}
