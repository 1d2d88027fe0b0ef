package dev.slipway.desktop.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testing.Peers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code infra/slipway.yaml} checked by cfn-lint against the real AWS resource specifications: moto
 * accepts what real AWS would refuse (it ignores properties it does not model), so this is the
 * check that the template is right for AWS itself. Without cfn-lint it skips or fails as {@link
 * Peers} decides (it fails on CI).
 */
class InfraTemplateLintIT {

    @Test
    void templatePassesCfnLintWithoutFindings() throws Exception {
        Path cfnLint =
                Peers.require(
                        "cfn-lint",
                        "pip install cfn-lint",
                        "infra/slipway.yaml against AWS's specifications");
        Process lint =
                new ProcessBuilder(
                                cfnLint.toString(),
                                "--format",
                                "parseable",
                                CloudFormationYaml.TEMPLATE.toString())
                        .redirectErrorStream(true)
                        .start();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as("cfn-lint findings").isEmpty();
        assertThat(lint.exitValue()).isZero();
    }
}
