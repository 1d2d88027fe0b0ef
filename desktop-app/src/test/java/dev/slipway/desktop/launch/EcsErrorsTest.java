package dev.slipway.desktop.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.build.ExitStatus;
import dev.slipway.core.config.AwsSettings;
import dev.slipway.desktop.SlipwayException;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The sentences for ECS errors that moto cannot produce (it enforces no IAM and starts every
 * FARGATE task): built from the SDK's own exception and failure types.
 */
class EcsErrorsTest {

    private final EcsErrors errors =
            new EcsErrors(
                    new AwsSettings(
                            "deployer",
                            "eu-west-1",
                            "sites",
                            "builds",
                            "slipway-builder",
                            "builder",
                            List.of("subnet-1"),
                            List.of(),
                            true,
                            "rediss://r"));

    @Test
    void accessDeniedNamesThePermissionAndTheProfile() {
        AwsServiceException denied =
                AwsServiceException.builder()
                        .statusCode(400)
                        .awsErrorDetails(
                                AwsErrorDetails.builder()
                                        .errorCode("AccessDeniedException")
                                        .errorMessage(
                                                "User: arn:aws:iam::1:user/me is not authorized to perform: ecs:RunTask")
                                        .build())
                        .build();
        SlipwayException e = errors.translate("ecs:RunTask", denied);
        assertThat(e.kind()).isEqualTo(ExitStatus.INFRASTRUCTURE);
        assertThat(e.getMessage())
                .contains("AWS denied ecs:RunTask to the profile 'deployer'")
                .contains("iam:PassRole")
                .contains("\"aws.profile\"");
    }

    @Test
    void runTaskFailuresAreOneSentenceNamingTheSetting() {
        SlipwayException e =
                errors.runTaskFailures(
                        List.of(
                                new EcsCalls.Failure(
                                        "arn:aws:ecs:eu-west-1:1:cluster/builds",
                                        "MISSING",
                                        "cluster is inactive")));
        assertThat(e.getMessage())
                .isEqualTo(
                        "ECS could not start the build task: MISSING (cluster is inactive) for arn:aws:ecs:eu-west-1:1:cluster/builds;"
                                + " check \"aws.cluster\" in config.json.");
        assertThat(
                        errors.runTaskFailures(
                                        List.of(
                                                new EcsCalls.Failure(
                                                        null, "RESOURCE:MEMORY", null)))
                                .getMessage())
                .contains("cpu and memory");
    }
}
