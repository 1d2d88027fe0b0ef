package dev.slipway.proxy;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import dev.slipway.testing.ArchitectureRules;

/** The shared architecture rules on the proxy. */
@AnalyzeClasses(
        packages = {"dev.slipway.proxy"},
        importOptions = ImportOption.DoNotIncludeTests.class)
class ProxyArchitectureTest {

    @ArchTest static final ArchTests rules = ArchTests.in(ArchitectureRules.class);
}
