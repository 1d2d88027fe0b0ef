package dev.slipway.testing;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The architecture rules of every module, in one place (as JabRef keeps one rule set for all its
 * modules). Each module's {@code *ArchitectureTest} applies all of them to its own classes with
 * {@code ArchTests.in(ArchitectureRules.class)}; a rule about another module's packages finds no
 * class there and passes ({@code allowEmptyShould}). {@code core} and {@code s3-server}, which this
 * module depends on, are checked by this module's own test.
 *
 * <p>A rule's exception needs a one-line reason beside it.
 */
public final class ArchitectureRules {

    private ArchitectureRules() {}

    /**
     * Programs talk to the terminal in their {@code *Main} class and the CLI; everything else logs
     * (SLF4J) or reports through its caller, so the desktop app's background errors reach its log
     * file and a library never writes over a command's output.
     */
    @ArchTest
    public static final ArchRule standardStreamsOnlyInMainAndCli =
            noClasses()
                    .that()
                    .haveSimpleNameNotEndingWith("Main")
                    .and()
                    .resideOutsideOfPackage("dev.slipway.desktop.cli..")
                    .should(ACCESS_STANDARD_STREAMS)
                    .because(
                            "only a program's *Main class and the CLI own the terminal; other"
                                    + " classes log through SLF4J or return to their caller");

    /** View models are tested without the toolkit: properties and commands, no scene graph. */
    @ArchTest
    public static final ArchRule viewModelsKnowNoScene =
            noClasses()
                    .that()
                    .haveSimpleNameEndingWith("ViewModel")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("javafx.scene..")
                    .because("a view model is tested without the JavaFX toolkit (STYLE.md)")
                    .allowEmptyShould(true);

    /** The desktop app embeds the proxy through its two entry classes only. */
    @ArchTest
    public static final ArchRule desktopUsesOnlyTheProxysEntry =
            noClasses()
                    .that()
                    .resideInAPackage("dev.slipway.desktop..")
                    .should()
                    .dependOnClassesThat(
                            resideInAPackage("dev.slipway.proxy..")
                                    .and(not(simpleName("ProxyServer")))
                                    .and(not(simpleName("ProxyConfig"))))
                    .because("the local stack starts the proxy through ProxyServer and ProxyConfig")
                    .allowEmptyShould(true);

    /**
     * The desktop app runs the builder as a child process (or an ECS task) and shares only core
     * with it: none of the builder's classes.
     */
    @ArchTest
    public static final ArchRule desktopKnowsNoBuilderClass =
            noClasses()
                    .that()
                    .resideInAPackage("dev.slipway.desktop..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("dev.slipway.builder..")
                    .because(
                            "the builder is another process; what both sides need lives in core or"
                                    + " a shared module")
                    .allowEmptyShould(true);

    /**
     * Every thread of the desktop app and the CLI is made by {@code logging/DaemonThreads}: named,
     * a daemon, its uncaught exception in the log file.
     */
    @ArchTest
    public static final ArchRule desktopThreadsComeFromDaemonThreads =
            noClasses()
                    .that()
                    .resideInAPackage("dev.slipway.desktop..")
                    .and()
                    .doNotHaveFullyQualifiedName("dev.slipway.desktop.logging.DaemonThreads")
                    .should()
                    .callConstructorWhere(target(owner(assignableTo(Thread.class))))
                    .because(
                            "a background thread's exception must reach the log file, never be"
                                    + " lost (STYLE.md)")
                    .allowEmptyShould(true);

    /**
     * Every thread of the builder is made by {@code threads/DaemonThreads}: named, a daemon, its
     * uncaught exception in the builder's log.
     */
    @ArchTest
    public static final ArchRule builderThreadsComeFromDaemonThreads =
            noClasses()
                    .that()
                    .resideInAPackage("dev.slipway.builder..")
                    .and()
                    .doNotHaveFullyQualifiedName("dev.slipway.builder.threads.DaemonThreads")
                    .should()
                    .callConstructorWhere(target(owner(assignableTo(Thread.class))))
                    .because(
                            "a background thread's exception must reach the builder's log, never"
                                    + " be lost (STYLE.md)")
                    .allowEmptyShould(true);

    /**
     * The builder's steps get their S3 bucket and Redis client from the composition root ({@code
     * BuilderApp}, through the {@code BuildContext}); only it and {@code storage/S3Clients} (the
     * one S3 client set-up) make clients, so a step is tested against any bucket it is given.
     */
    @ArchTest
    public static final ArchRule builderClientsMadeOnlyByTheCompositionRoot =
            noClasses()
                    .that()
                    .resideInAPackage("dev.slipway.builder..")
                    .and()
                    .doNotHaveFullyQualifiedName("dev.slipway.builder.BuilderApp")
                    .and()
                    .doNotHaveFullyQualifiedName("dev.slipway.builder.storage.S3Clients")
                    .should()
                    .callMethodWhere(
                            target(
                                            owner(
                                                    assignableTo(
                                                                    "software.amazon.awssdk.services.s3.S3Client")
                                                            .or(
                                                                    assignableTo(
                                                                            "software.amazon.awssdk.services.s3.S3AsyncClient"))
                                                            .or(
                                                                    assignableTo(
                                                                            "io.lettuce.core.RedisClient"))))
                                    .and(target(nameMatching("create|builder"))))
                    .because(
                            "the builder's clients are made once, in its composition root, and"
                                    + " handed to the steps")
                    .allowEmptyShould(true);

    /**
     * The builder's feature packages ({@code checkout}, {@code detect}, {@code upload}, …) form no
     * cycle: a step's package depends on the shared ones ({@code context}, {@code logstream},
     * {@code storage}, …), never on the pipeline that runs it nor on another step's.
     */
    @ArchTest
    public static final ArchRule builderPackagesFormNoCycle =
            slices().matching("dev.slipway.builder.(*)..")
                    .should()
                    .beFreeOfCycles()
                    .because("a step is understood and tested on its own (STYLE.md: small pieces)")
                    .allowEmptyShould(true);

    /**
     * Core is shared by every program: the JDK, Gson (the JSON of the contract) and the ULID
     * generator, nothing else; no UI, server, client or logging framework, and no program's class.
     */
    @ArchTest
    public static final ArchRule coreIsFreeOfFrameworks =
            classes()
                    .that()
                    .resideInAPackage("dev.slipway.core..")
                    .should()
                    .onlyDependOnClassesThat()
                    .resideInAnyPackage(
                            "java..",
                            "dev.slipway.core..",
                            "com.google.gson..",
                            "com.github.f4b6a3.ulid..",
                            // Nullness and Error Prone annotations only mark code; nothing runs.
                            "org.jspecify.annotations..",
                            "javax.annotation..",
                            "com.google.errorprone.annotations..")
                    .because(
                            "core is shared by every program and must stay free of UI, server,"
                                    + " client and logging code")
                    .allowEmptyShould(true);
}
