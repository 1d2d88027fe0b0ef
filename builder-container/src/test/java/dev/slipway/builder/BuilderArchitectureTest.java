package dev.slipway.builder;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import dev.slipway.testing.ArchitectureRules;

/** The shared architecture rules on the builder. */
@AnalyzeClasses(
        packages = {"dev.slipway.builder"},
        importOptions = ImportOption.DoNotIncludeTests.class)
class BuilderArchitectureTest {

    @ArchTest static final ArchTests rules = ArchTests.in(ArchitectureRules.class);
}
