package dev.slipway.desktop.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.config.AwsSettings;
import dev.slipway.core.config.ConfigStore;
import dev.slipway.core.config.Mode;
import dev.slipway.core.config.SlipwayConfig;
import dev.slipway.desktop.SlipwayException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * {@code infra/slipway.yaml} created in moto's CloudFormation, then {@code slipway aws init} run
 * through picocli as the root command will run it, with the SDK pointed at moto by the profile's
 * {@code endpoint_url}: the config it writes holds exactly the stack's outputs, and they name
 * resources that exist.
 */
class AwsInitIT {

    @RegisterExtension static final MotoServerExtension MOTO = new MotoServerExtension();

    private static final String REDIS_URL =
            "rediss://:s3cr3t-redis-password@redis.example.net:6380";
    private static final String PARAMETER = "/slipway/redis-url";

    @TempDir Path home;

    private CloudFormationClient cfn;
    private Ec2Client ec2;
    private SsmClient ssm;
    private EcsClient ecs;
    private ConfigStore store;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void clients() {
        cfn = MOTO.configure(CloudFormationClient.builder()).build();
        ec2 = MOTO.configure(Ec2Client.builder()).build();
        ssm = MOTO.configure(SsmClient.builder()).build();
        ecs = MOTO.configure(EcsClient.builder()).build();
        store = new ConfigStore(home.resolve("config.json"));
    }

    @AfterEach
    void close() {
        cfn.close();
        ec2.close();
        ssm.close();
        ecs.close();
    }

    @Test
    void writesExactlyTheStacksOutputsAndKeepsTheRestOfTheConfig() throws Exception {
        Files.writeString(
                store.file(),
                "{\"mode\":\"local\",\"baseDomain\":\"sites.test\",\"proxyPort\":9000}\n");
        putRedisParameter();
        List<String> subnets = defaultSubnets();
        Map<String, String> outputs = createStack("slipway", subnets, Map.of());

        int exit =
                slipway(
                        "aws",
                        "init",
                        "--stack",
                        "slipway",
                        "--profile",
                        MotoServerExtension.PROFILE);

        assertThat(exit).as(err.toString()).isZero();
        SlipwayConfig config = store.load();
        AwsSettings aws = config.aws();
        assertThat(config.mode()).isEqualTo(Mode.AWS);
        assertThat(config.baseDomain()).isEqualTo("sites.test");
        assertThat(config.proxyPort()).isEqualTo(9000);
        assertThat(aws.profile()).isEqualTo(MotoServerExtension.PROFILE);
        assertThat(aws.region()).isEqualTo(outputs.get(StackOutputs.REGION)).isEqualTo("us-east-1");
        assertThat(aws.bucket()).isEqualTo(outputs.get(StackOutputs.BUCKET)).isNotBlank();
        assertThat(aws.cluster()).isEqualTo(outputs.get(StackOutputs.CLUSTER)).isEqualTo("slipway");
        assertThat(aws.taskDefinition())
                .isEqualTo(outputs.get(StackOutputs.TASK_DEFINITION))
                .isEqualTo("slipway-builder");
        assertThat(aws.containerName())
                .isEqualTo(outputs.get(StackOutputs.CONTAINER_NAME))
                .isEqualTo("builder");
        assertThat(aws.subnets()).containsExactlyElementsOf(subnets);
        assertThat(aws.securityGroups()).containsExactly(outputs.get(StackOutputs.SECURITY_GROUPS));
        assertThat(aws.assignPublicIp()).isTrue();
        assertThat(aws.redisUrl()).isEqualTo(REDIS_URL);

        if (store.file().getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
                    .as("config.json holds the Redis URL: readable by its owner only")
                    .isEqualTo("rw-------");
        }
        String file = Files.readString(store.file(), StandardCharsets.UTF_8);
        assertThat(file)
                .doesNotContain(MotoServerExtension.SECRET_KEY)
                .doesNotContainIgnoringCase("accessKey")
                .doesNotContainIgnoringCase("secret_access");
        assertThat(out.toString())
                .contains(aws.bucket())
                .contains("slipway doctor")
                .doesNotContain("s3cr3t-redis-password");
    }

    @Test
    void configNamesResourcesThatExistAsTheBuilderNeedsThem() throws Exception {
        putRedisParameter();
        createStack("slipway", defaultSubnets(), Map.of());
        assertThat(
                        slipway(
                                "aws",
                                "init",
                                "--stack",
                                "slipway",
                                "--profile",
                                MotoServerExtension.PROFILE))
                .as(err.toString())
                .isZero();
        AwsSettings aws = store.load().aws();

        assertThat(ecs.describeClusters(r -> r.clusters(aws.cluster())).clusters())
                .singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo("ACTIVE"));
        TaskDefinition task =
                ecs.describeTaskDefinition(r -> r.taskDefinition(aws.taskDefinition()))
                        .taskDefinition();
        ContainerDefinition builder =
                task.containerDefinitions().stream()
                        .filter(c -> c.name().equals(aws.containerName()))
                        .findFirst()
                        .orElseThrow();
        assertThat(builder.memory())
                .as("moto's RunTask needs the container's own memory")
                .isPositive();
        assertThat(builder.environment())
                .contains(KeyValuePair.builder().name("S3_BUCKET").value(aws.bucket()).build());
        assertThat(builder.environment())
                .extracting(KeyValuePair::name)
                .doesNotContain("REDIS_URL");
        assertThat(builder.secrets())
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.name()).isEqualTo("REDIS_URL");
                            assertThat(s.valueFrom()).endsWith(":parameter" + PARAMETER);
                        });
        assertThat(builder.logConfiguration().options())
                .containsEntry("awslogs-stream-prefix", "builder");
        assertThat(
                        cfn.describeStackResource(
                                        r -> r.stackName("slipway").logicalResourceId("SiteBucket"))
                                .stackResourceDetail()
                                .physicalResourceId())
                .isEqualTo(aws.bucket());
        assertThat(aws.subnets())
                .allSatisfy(
                        id ->
                                assertThat(ec2.describeSubnets(r -> r.subnetIds(id)).subnets())
                                        .hasSize(1));
        SecurityGroup group =
                ec2.describeSecurityGroups(r -> r.groupIds(aws.securityGroups()))
                        .securityGroups()
                        .get(0);
        assertThat(group.ipPermissions()).as("no inbound rule").isEmpty();
        assertThat(group.ipPermissionsEgress()).isNotEmpty();
    }

    @Test
    void stackWithTheProxySetsTheBaseDomainServedOnPort80() throws Exception {
        putRedisParameter();
        createStack(
                "sites",
                defaultSubnets(),
                Map.of("EnableProxyService", "true", "Domain", "sites.example.com"));

        int exit =
                slipway(
                        "aws",
                        "init",
                        "--stack",
                        "sites",
                        "--profile",
                        MotoServerExtension.PROFILE,
                        "--region",
                        "us-east-1");

        assertThat(exit).as(err.toString()).isZero();
        SlipwayConfig config = store.load();
        assertThat(config.baseDomain()).isEqualTo("sites.example.com");
        assertThat(config.proxyPort()).isEqualTo(80);
        assertThat(config.siteUrl("demo")).isEqualTo("http://demo.sites.example.com/");
        assertThat(config.aws().cluster()).isEqualTo("sites");
        assertThat(ecs.describeServices(r -> r.cluster("sites").services("sites-proxy")).services())
                .singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo("ACTIVE"));
    }

    @Test
    void stackWithAGitTokenParameterGivesBuildsTheTokenAsASecretAndNeverToTheConfig()
            throws Exception {
        putRedisParameter();
        ssm.putParameter(
                r ->
                        r.name("/slipway/git-token")
                                .type(ParameterType.SECURE_STRING)
                                .value("ghp_secret-git-token"));
        createStack(
                "slipway", defaultSubnets(), Map.of("GitTokenParameterName", "/slipway/git-token"));

        assertThat(
                        slipway(
                                "aws",
                                "init",
                                "--stack",
                                "slipway",
                                "--profile",
                                MotoServerExtension.PROFILE))
                .as(err.toString())
                .isZero();

        TaskDefinition task =
                ecs.describeTaskDefinition(r -> r.taskDefinition("slipway-builder"))
                        .taskDefinition();
        assertThat(task.containerDefinitions().get(0).secrets())
                .extracting(s -> s.name() + "=" + s.valueFrom().replaceFirst("^.*:parameter", ""))
                .containsExactly("REDIS_URL=" + PARAMETER, "GIT_TOKEN=/slipway/git-token");
        assertThat(task.containerDefinitions().get(0).environment())
                .extracting(KeyValuePair::name)
                .doesNotContain("GIT_TOKEN");
        assertThat(Files.readString(store.file())).doesNotContain("ghp_secret-git-token");
        assertThat(out.toString()).doesNotContain("ghp_secret-git-token");
    }

    @Test
    void missingStackIsBadInputAndWritesNothing() {
        int exit =
                slipway("aws", "init", "--stack", "nope", "--profile", MotoServerExtension.PROFILE);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains("no CloudFormation stack named \"nope\" in us-east-1")
                .contains("infra/slipway.yaml");
        assertThat(store.file()).doesNotExist();
    }

    @Test
    void stackMadeFromAnotherTemplateNamesEveryMissingOutput() {
        String template =
                "Resources:\n  Logs:\n    Type: AWS::Logs::LogGroup\n"
                        + "Outputs:\n  Region:\n    Value: !Ref AWS::Region\n  Bucket:\n    Value: my-bucket\n";
        cfn.createStack(r -> r.stackName("other").templateBody(template));
        awaitComplete("other");

        int exit =
                slipway(
                        "aws",
                        "init",
                        "--stack",
                        "other",
                        "--profile",
                        MotoServerExtension.PROFILE);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains(
                        "Cluster, TaskDefinition, ContainerName, Subnets, SecurityGroups, AssignPublicIp, RedisUrlParameter")
                .doesNotContain("Bucket,");
        assertThat(store.file()).doesNotExist();
    }

    @Test
    void missingRedisParameterSaysHowToCreateItAndRedisUrlOptionSkipsIt() throws Exception {
        createStack("slipway", defaultSubnets(), Map.of());

        int exit =
                slipway(
                        "aws",
                        "init",
                        "--stack",
                        "slipway",
                        "--profile",
                        MotoServerExtension.PROFILE);
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains("aws ssm put-parameter --type SecureString --name " + PARAMETER);
        assertThat(store.file()).doesNotExist();

        exit =
                slipway(
                        "aws",
                        "init",
                        "--stack",
                        "slipway",
                        "--profile",
                        MotoServerExtension.PROFILE,
                        "--redis-url",
                        "redis://127.0.0.1:6379");
        assertThat(exit).as(err.toString()).isZero();
        assertThat(store.load().aws().redisUrl()).isEqualTo("redis://127.0.0.1:6379");
    }

    @Test
    void profileWithoutCredentialsIsAnInfrastructureFailureNamingTheProfile() {
        int exit = slipway("aws", "init", "--stack", "slipway", "--profile", "nokeys");

        assertThat(exit).isEqualTo(3);
        assertThat(err.toString())
                .contains("No usable AWS credentials for profile \"nokeys\"")
                .contains("aws configure --profile nokeys");
        assertThat(store.file()).doesNotExist();
    }

    // ------------------------------------------------------------------

    /** The root command as the CLI registers this one: one line, errors mapped in one place. */
    @Command(name = "slipway")
    static final class Root {}

    private int slipway(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine root = new CommandLine(new Root());
        root.addSubcommand(
                new AwsCommand(
                        () -> new AwsInitService(store, new SdkStackSource(), Map.of()),
                        () -> {
                            throw new IllegalStateException("push-images is not run here");
                        },
                        new dev.slipway.core.config.SlipwayHome(store.file().getParent())));
        root.setOut(new PrintWriter(out, true));
        root.setErr(new PrintWriter(err, true));
        root.setExecutionExceptionHandler(
                (e, cmd, parsed) -> {
                    if (e instanceof SlipwayException s) {
                        cmd.getErr().println(s.getMessage());
                        return s.kind().exitCode();
                    }
                    throw e;
                });
        return root.execute(args);
    }

    private void putRedisParameter() {
        ssm.putParameter(r -> r.name(PARAMETER).type(ParameterType.SECURE_STRING).value(REDIS_URL));
    }

    private List<String> defaultSubnets() {
        String vpc =
                ec2.describeVpcs(
                                r ->
                                        r.filters(
                                                Filter.builder()
                                                        .name("is-default")
                                                        .values("true")
                                                        .build()))
                        .vpcs()
                        .get(0)
                        .vpcId();
        List<String> ids = new ArrayList<>();
        for (Subnet s :
                ec2.describeSubnets(
                                r -> r.filters(Filter.builder().name("vpc-id").values(vpc).build()))
                        .subnets()) {
            ids.add(s.subnetId());
        }
        return ids.subList(0, 2);
    }

    private Map<String, String> createStack(
            String name, List<String> subnets, Map<String, String> extra) throws Exception {
        String vpc = ec2.describeSubnets(r -> r.subnetIds(subnets.get(0))).subnets().get(0).vpcId();
        List<Parameter> parameters = new ArrayList<>();
        parameters.add(Parameter.builder().parameterKey("VpcId").parameterValue(vpc).build());
        parameters.add(
                Parameter.builder()
                        .parameterKey("Subnets")
                        .parameterValue(String.join(",", subnets))
                        .build());
        extra.forEach(
                (k, v) ->
                        parameters.add(
                                Parameter.builder().parameterKey(k).parameterValue(v).build()));
        String body = Files.readString(CloudFormationYaml.TEMPLATE, StandardCharsets.UTF_8);
        cfn.createStack(
                r ->
                        r.stackName(name)
                                .templateBody(body)
                                .parameters(parameters)
                                .capabilities(Capability.CAPABILITY_IAM));
        Stack stack = awaitComplete(name);
        Map<String, String> outputs = new LinkedHashMap<>();
        for (Output o : stack.outputs()) {
            outputs.put(o.outputKey(), o.outputValue());
        }
        return outputs;
    }

    private Stack awaitComplete(String name) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Stack stack = cfn.describeStacks(r -> r.stackName(name)).stacks().get(0);
            if (!stack.stackStatusAsString().endsWith("_IN_PROGRESS")) {
                assertThat(stack.stackStatusAsString())
                        .as(stack.stackStatusReason())
                        .isEqualTo("CREATE_COMPLETE");
                return stack;
            }
            assertThat(System.nanoTime())
                    .as("stack %s still in progress", name)
                    .isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
