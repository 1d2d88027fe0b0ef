package dev.slipway.desktop.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.core.build.ExitStatus;
import dev.slipway.core.config.ConfigStore;
import dev.slipway.core.config.Mode;
import dev.slipway.desktop.SlipwayException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decisions of {@code aws init} that moto cannot stage: stacks still in progress or rolled back
 * (moto completes every stack at once), regions and profiles from the environment, and values that
 * must not be echoed. The AWS side is a recorded stand-in here; {@link AwsInitIT} runs the same
 * service against moto.
 */
class AwsInitServiceTest {

    @TempDir Path home;

    private final RecordedStacks stacks = new RecordedStacks();

    private ConfigStore store() {
        return new ConfigStore(home.resolve("config.json"));
    }

    private AwsInitService service(Map<String, String> env) {
        return new AwsInitService(store(), stacks, env);
    }

    private static AwsInitService.Request request(String stack) {
        return new AwsInitService.Request(stack, null, null, null);
    }

    @Test
    void redisAdviceNamesElastiCachesVpcAndAMissingTlsButNotAManagedTlsRedis() {
        assertThat(
                        AwsInitService.redisAdvice(
                                "rediss://:pw@master.logs.abc123.use1.cache.amazonaws.com:6379"))
                .get()
                .asString()
                .contains("only inside its VPC")
                .contains("VPN");
        assertThat(AwsInitService.redisAdvice("redis://:pw@redis.example.net:6379"))
                .get()
                .asString()
                .contains("no TLS")
                .doesNotContain("pw");
        assertThat(
                        AwsInitService.redisAdvice(
                                "rediss://default:pw@eu1-cool-cat-1234.upstash.io:6379"))
                .isEmpty();
        assertThat(AwsInitService.redisAdvice("redis://127.0.0.1:6379")).isEmpty();
    }

    @Test
    void stackStillBeingCreatedAsksToWaitAndWritesNothing() {
        stacks.status = "CREATE_IN_PROGRESS";

        assertThatThrownBy(() -> service(Map.of()).init(request("slipway")))
                .isInstanceOfSatisfying(
                        SlipwayException.class,
                        e -> assertThat(e.kind()).isEqualTo(ExitStatus.BAD_INPUT))
                .hasMessageContaining("is CREATE_IN_PROGRESS")
                .hasMessageContaining(
                        "aws cloudformation wait stack-create-complete --stack-name slipway");
        assertThat(store().file()).doesNotExist();
    }

    @Test
    void rolledBackStackPointsAtItsEventsAndWritesNothing() {
        stacks.status = "ROLLBACK_COMPLETE";
        stacks.reason = "The following resource(s) failed to create: [SiteBucket].";

        assertThatThrownBy(() -> service(Map.of()).init(request("slipway")))
                .isInstanceOfSatisfying(
                        SlipwayException.class,
                        e -> assertThat(e.kind()).isEqualTo(ExitStatus.BAD_INPUT))
                .hasMessageContaining(
                        "is ROLLBACK_COMPLETE (The following resource(s) failed to create: [SiteBucket].)")
                .hasMessageContaining("describe-stack-events --stack-name slipway");
        assertThat(store().file()).doesNotExist();
    }

    @Test
    void stackWhoseUpdateRolledBackStillWorks() {
        stacks.status = "UPDATE_ROLLBACK_COMPLETE";

        AwsInitService.Result result = service(Map.of()).init(request("slipway"));

        assertThat(result.config().mode()).isEqualTo(Mode.AWS);
        assertThat(store().load().aws().bucket()).isEqualTo("site-bucket");
    }

    @Test
    void profileComesFromAwsProfileWhenNotGivenAndDefaultsToDefault() {
        service(Map.of("AWS_PROFILE", "work")).init(request("slipway"));
        assertThat(store().load().aws().profile()).isEqualTo("work");
        assertThat(stacks.targets)
                .containsExactly(
                        new AwsTarget("work", "eu-west-1"), new AwsTarget("work", "eu-west-1"));

        service(Map.of()).init(request("slipway"));
        assertThat(store().load().aws().profile()).isEqualTo("default");

        service(Map.of("AWS_PROFILE", "work"))
                .init(new AwsInitService.Request("slipway", "other", "us-west-2", null));
        assertThat(store().load().aws().profile()).isEqualTo("other");
        assertThat(stacks.targets.get(4)).isEqualTo(new AwsTarget("other", "us-west-2"));
    }

    @Test
    void noRegionAnywhereAsksForRegionWithoutCallingAws() {
        stacks.defaultRegion = null;

        assertThatThrownBy(() -> service(Map.of()).init(request("slipway")))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining(
                        "No AWS region is set for profile \"default\": pass --region");
        assertThat(stacks.targets).isEmpty();
    }

    @Test
    void invalidStackNameIsRefusedBeforeCallingAws() {
        assertThatThrownBy(() -> service(Map.of()).init(request("my stack!")))
                .isInstanceOfSatisfying(
                        SlipwayException.class,
                        e -> assertThat(e.kind()).isEqualTo(ExitStatus.BAD_INPUT))
                .hasMessageContaining("\"my stack!\" is not a CloudFormation stack name");
        assertThat(stacks.targets).isEmpty();
    }

    @Test
    void parameterThatIsNoRedisUrlIsRefusedWithoutEchoingIt() {
        stacks.parameterValue = "hunter2-not-a-url";

        assertThatThrownBy(() -> service(Map.of()).init(request("slipway")))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("/slipway/redis-url does not hold a Redis URL")
                .hasMessageNotContaining("hunter2");
        assertThat(store().file()).doesNotExist();
    }

    @Test
    void brokenConfigFileIsReportedAndLeftAsItWas() throws Exception {
        Files.writeString(store().file(), "{\"mode\": \"cloud\"}");

        assertThatThrownBy(() -> service(Map.of()).init(request("slipway")))
                .isInstanceOfSatisfying(
                        SlipwayException.class,
                        e -> assertThat(e.kind()).isEqualTo(ExitStatus.BAD_INPUT))
                .hasMessageContaining("\"mode\" must be \"local\" or \"aws\"");
        assertThat(Files.readString(store().file())).isEqualTo("{\"mode\": \"cloud\"}");
    }

    @Test
    void blankSubnetsOutputIsRefused() {
        stacks.outputs.put(StackOutputs.SUBNETS, " , ");

        assertThatThrownBy(() -> service(Map.of()).init(request("slipway")))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("names no subnet");
    }

    @Test
    void maskedHidesTheRedisPasswordOnly() {
        assertThat(AwsInitService.masked("rediss://:pw@host:6380"))
                .isEqualTo("rediss://:****@host:6380");
        assertThat(AwsInitService.masked("rediss://default:pw@host:6380/0"))
                .isEqualTo("rediss://default:****@host:6380/0");
        assertThat(AwsInitService.masked("redis://pw@host")).isEqualTo("redis://****@host");
        assertThat(AwsInitService.masked("redis://127.0.0.1:6379"))
                .isEqualTo("redis://127.0.0.1:6379");
    }

    /** A stack as a {@link StackSource} describes it, recording whom it was asked about. */
    private static final class RecordedStacks implements StackSource {
        String defaultRegion = "eu-west-1";
        String status = "CREATE_COMPLETE";
        String reason;
        String parameterValue = "rediss://:pw@redis.example.net:6380";
        final Map<String, String> outputs = new HashMap<>();
        final List<AwsTarget> targets = new ArrayList<>();

        RecordedStacks() {
            outputs.put(StackOutputs.REGION, "eu-west-1");
            outputs.put(StackOutputs.BUCKET, "site-bucket");
            outputs.put(StackOutputs.CLUSTER, "slipway");
            outputs.put(StackOutputs.TASK_DEFINITION, "slipway-builder");
            outputs.put(StackOutputs.CONTAINER_NAME, "builder");
            outputs.put(StackOutputs.SUBNETS, "subnet-a,subnet-b");
            outputs.put(StackOutputs.SECURITY_GROUPS, "sg-1");
            outputs.put(StackOutputs.ASSIGN_PUBLIC_IP, "false");
            outputs.put(StackOutputs.REDIS_URL_PARAMETER, "/slipway/redis-url");
        }

        @Override
        public String defaultRegion(String profile) {
            return defaultRegion;
        }

        @Override
        public StackDescription describe(AwsTarget target, String stackName) {
            targets.add(target);
            return new StackDescription(stackName, status, reason, outputs);
        }

        @Override
        public String secureParameter(AwsTarget target, String name) {
            targets.add(target);
            return parameterValue;
        }
    }
}
