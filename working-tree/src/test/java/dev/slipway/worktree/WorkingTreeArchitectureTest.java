package dev.slipway.worktree;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import dev.slipway.testing.ArchitectureRules;

/** The shared architecture rules on this module. */
@AnalyzeClasses(
        packages = "dev.slipway.worktree",
        importOptions = ImportOption.DoNotIncludeTests.class)
class WorkingTreeArchitectureTest {

    @ArchTest static final ArchTests rules = ArchTests.in(ArchitectureRules.class);
}
