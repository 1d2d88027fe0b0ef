package dev.slipway.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * {@code core} is the shared model: it must not pull a UI, a server or a client into the others.
 */
@AnalyzeClasses(packages = "dev.slipway.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {

    @ArchTest
    static final ArchRule coreKnowsNoFrameworks =
            noClasses()
                    .that()
                    .resideInAPackage("dev.slipway.core..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "javafx..",
                            "io.undertow..",
                            "io.lettuce..",
                            "software.amazon..",
                            "org.eclipse.jgit..",
                            "io.netty..",
                            "picocli..")
                    .because(
                            "core is shared by every program and must stay free of UI, server and client code");

    @ArchTest
    static final ArchRule coreDoesNotReachIntoPrograms =
            noClasses()
                    .that()
                    .resideInAPackage("dev.slipway.core..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "dev.slipway.builder..",
                            "dev.slipway.proxy..",
                            "dev.slipway.desktop..");
}
