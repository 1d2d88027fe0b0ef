package dev.slipway.desktop;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import dev.slipway.testing.ArchitectureRules;

/** The shared architecture rules on the desktop app and the CLI. */
@AnalyzeClasses(
        packages = {"dev.slipway.desktop"},
        importOptions = ImportOption.DoNotIncludeTests.class)
class DesktopArchitectureTest {

    @ArchTest static final ArchTests rules = ArchTests.in(ArchitectureRules.class);
}
