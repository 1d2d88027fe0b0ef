package dev.slipway.s3store;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import dev.slipway.testing.ArchitectureRules;

/** The shared architecture rules on this module. */
@AnalyzeClasses(
        packages = {"dev.slipway.s3store"},
        importOptions = ImportOption.DoNotIncludeTests.class)
class S3StoreArchitectureTest {

    @ArchTest static final ArchTests rules = ArchTests.in(ArchitectureRules.class);
}
