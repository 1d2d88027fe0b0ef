package dev.slipway.desktop.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.slipway.awsapi.AwsApi;
import dev.slipway.awsapi.AwsService;
import dev.slipway.awsapi.SsmParameters;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;

/**
 * The hand-signed calls of {@code aws-api} against a real {@code moto_server}: moto checks nothing
 * of the signature, but it answers with AWS's real error shapes, so these tests pin how a refusal
 * becomes an {@link AwsServiceException} with its code (JSON {@code __type} for SSM and ECS, the
 * XML {@code <Code>} for CloudFormation's Query protocol), which is what {@code EcsErrors} and the
 * secret stores decide on.
 */
class AwsApiMotoIT {

    @RegisterExtension static final MotoServer moto = new MotoServer();

    private static AwsApi api(AwsService service) {
        return new AwsApi(
                service,
                Region.US_EAST_1,
                Optional.of(moto.endpoint()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")),
                AwsApi.retriesOf("default"),
                Duration.ofSeconds(30));
    }

    @Test
    void aSecureParameterRoundTripsAndAMissingOneIsEmpty() {
        try (SsmParameters ssm = new SsmParameters(api(AwsService.SSM))) {
            ssm.putSecure("/slipway/test/token", "s3cr3t value", "a test secret");
            assertThat(ssm.get("/slipway/test/token", true)).contains("s3cr3t value");
            assertThat(ssm.byPath("/slipway/test", true, true))
                    .extracting(SsmParameters.Parameter::name, SsmParameters.Parameter::value)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    "/slipway/test/token", "s3cr3t value"));
            assertThat(ssm.get("/slipway/test/missing", true)).isEmpty();
        }
    }

    @Test
    void aJsonRefusalCarriesTheBareErrorCodeAndStatus() {
        JsonObject body = new JsonObject();
        body.addProperty("Name", "/slipway/test/never-written");
        try (AwsApi ssm = api(AwsService.SSM)) {
            assertThatThrownBy(() -> ssm.json("GetParameter", body))
                    .isInstanceOfSatisfying(
                            AwsServiceException.class,
                            e -> {
                                assertThat(e.awsErrorDetails().errorCode())
                                        .isEqualTo(SsmParameters.NOT_FOUND);
                                assertThat(e.statusCode()).isEqualTo(400);
                                assertThat(SsmParameters.notFound(e)).isTrue();
                            });
        }
    }

    @Test
    void aQueryRefusalCarriesTheXmlErrorCode() {
        try (AwsApi cfn = api(AwsService.CLOUDFORMATION)) {
            assertThatThrownBy(
                            () -> cfn.query("DescribeStacks", Map.of("StackName", "no-such-stack")))
                    .isInstanceOfSatisfying(
                            AwsServiceException.class,
                            e ->
                                    assertThat(e.awsErrorDetails().errorCode())
                                            .isEqualTo("ValidationError"));
        }
    }
}
