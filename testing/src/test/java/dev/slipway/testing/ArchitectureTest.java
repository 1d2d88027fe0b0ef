package dev.slipway.testing;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;

/**
 * The shared rules on this module and on the two it depends on, core and s3-server (they cannot
 * depend on this one).
 */
@AnalyzeClasses(
        packages = {"dev.slipway.testing", "dev.slipway.core", "dev.slipway.s3server"},
        importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest static final ArchTests rules = ArchTests.in(ArchitectureRules.class);
}
