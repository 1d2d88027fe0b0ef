package dev.slipway.desktop.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.slipway.core.config.AwsSettings;
import dev.slipway.core.config.ConfigStore;
import dev.slipway.core.config.SlipwayConfig;
import dev.slipway.core.config.SlipwayHome;
import dev.slipway.desktop.cli.Cli;
import dev.slipway.desktop.cli.CliContext;
import dev.slipway.desktop.cli.Terminal;
import dev.slipway.testing.RedisServerExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * From the template to a running build, with nothing but the command line: the stack created in
 * moto, {@code slipway aws init --stack} writing config.json, then {@code slipway deploy} in AWS
 * mode with the config it wrote. The task ECS runs is the stack's task definition, on the stack's
 * cluster, subnets and security group, with the contract's overrides (and not the bucket or Redis,
 * which come from the task definition); the launcher's events are on a real Redis, whose URL came
 * from the stack's SSM parameter; {@code cancel} stops the task.
 */
class AwsDeployIT {

    @RegisterExtension static final MotoServerExtension MOTO = new MotoServerExtension();
    @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();

    @TempDir Path home;
    @TempDir Path workingDir;

    private CloudFormationClient cfn;
    private Ec2Client ec2;
    private EcsClient ecs;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** The port of AWS mode's proxy on this machine, free for this test. */
    private int proxyPort;

    @BeforeEach
    void createStack() throws Exception {
        proxyPort = dev.slipway.testing.FreePorts.next();
        Files.writeString(home.resolve("config.json"), "{\"proxyPort\":" + proxyPort + "}");
        cfn = MOTO.configure(CloudFormationClient.builder()).build();
        ec2 = MOTO.configure(Ec2Client.builder()).build();
        ecs = MOTO.configure(EcsClient.builder()).build();
        try (SsmClient ssm = MOTO.configure(SsmClient.builder()).build()) {
            ssm.putParameter(
                    r ->
                            r.name("/slipway/redis-url")
                                    .type(ParameterType.SECURE_STRING)
                                    .value(REDIS.url()));
        }
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
        List<String> subnets = new ArrayList<>();
        ec2.describeSubnets(r -> r.filters(Filter.builder().name("vpc-id").values(vpc).build()))
                .subnets()
                .forEach(s -> subnets.add(s.subnetId()));
        String body = Files.readString(CloudFormationYaml.TEMPLATE, StandardCharsets.UTF_8);
        cfn.createStack(
                r ->
                        r.stackName("slipway")
                                .templateBody(body)
                                .capabilities(Capability.CAPABILITY_IAM)
                                .parameters(
                                        Parameter.builder()
                                                .parameterKey("VpcId")
                                                .parameterValue(vpc)
                                                .build(),
                                        Parameter.builder()
                                                .parameterKey("Subnets")
                                                .parameterValue(
                                                        String.join(",", subnets.subList(0, 2)))
                                                .build()));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (cfn.describeStacks(r -> r.stackName("slipway"))
                .stacks()
                .get(0)
                .stackStatusAsString()
                .endsWith("_IN_PROGRESS")) {
            assertThat(System.nanoTime()).as("stack creation").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @AfterEach
    void close() {
        // AWS mode's proxy, started in the background by the first deploy.
        slipway("down");
        cfn.close();
        ec2.close();
        ecs.close();
    }

    @Test
    void deployWithTheConfigAwsInitWroteRunsTheStacksTaskWithTheContractsOverrides()
            throws Exception {
        assertThat(
                        slipway(
                                "aws",
                                "init",
                                "--stack",
                                "slipway",
                                "--profile",
                                MotoServerExtension.PROFILE))
                .as(text(err))
                .isZero();
        SlipwayConfig config = new ConfigStore(new SlipwayHome(home)).load();
        AwsSettings aws = config.aws();

        assertThat(slipway("doctor")).as("no image pushed yet: %s", text(out)).isEqualTo(1);
        assertThat(text(out))
                .contains(
                        "FAIL images: The ECR repository slipway-builder has no image slipway-builder:latest")
                .contains("slipway aws push-images");
        pushImage("slipway-builder");
        assertThat(slipway("doctor"))
                .as("doctor on the config aws init wrote:%n%s%s", text(out), text(err))
                .isZero();
        assertThat(text(out))
                .contains("credentials", "bucket", "cluster", "task definition", "subnets", "redis")
                .contains("ok   images: builder slipway-builder:latest is in ECR")
                .contains("answers PING (no TLS, no password)");
        assertThat(text(out).lines())
                .as("one line per check, no SDK chain dumps")
                .allSatisfy(
                        line ->
                                assertThat(line)
                                        .matches("^(ok  |FAIL) [a-z ]+: .*")
                                        .hasSizeLessThan(300));

        int exit =
                slipway(
                        "deploy",
                        "https://github.com/octo/site",
                        "--slug",
                        "demo",
                        "--ref",
                        "main",
                        "--build-command",
                        "npm run build:prod",
                        "--env",
                        "API_URL=https://api.example.com",
                        "--no-follow",
                        "--json");

        assertThat(exit).as(text(err)).isZero();
        JsonObject result = JsonParser.parseString(text(out).trim()).getAsJsonObject();
        String id = result.get("deploymentId").getAsString();
        assertThat(id).matches("[0-9A-HJKMNP-TV-Z]{26}");

        List<String> arns = ecs.listTasks(r -> r.cluster(aws.cluster())).taskArns();
        assertThat(arns).hasSize(1);
        Task task = ecs.describeTasks(r -> r.cluster(aws.cluster()).tasks(arns)).tasks().get(0);
        assertThat(task.taskDefinitionArn())
                .endsWith(":task-definition/" + aws.taskDefinition() + ":1");
        assertThat(task.launchTypeAsString()).isEqualTo("FARGATE");
        assertThat(task.startedBy()).isEqualTo(id);
        ContainerOverride override = task.overrides().containerOverrides().get(0);
        assertThat(override.name()).isEqualTo(aws.containerName()).isEqualTo("builder");
        Map<String, String> env = new LinkedHashMap<>();
        for (KeyValuePair pair : override.environment()) {
            env.put(pair.name(), pair.value());
        }
        assertThat(env)
                .containsEntry("GIT_REPOSITORY_URL", "https://github.com/octo/site")
                .containsEntry("GIT_REF", "main")
                .containsEntry("PROJECT_ID", "demo")
                .containsEntry("DEPLOYMENT_ID", id)
                .containsEntry("SITE_URL", config.siteUrl("demo"))
                .containsEntry("BUILD_COMMAND", "npm run build:prod")
                .containsEntry("BUILD_ENV", "{\"API_URL\":\"https://api.example.com\"}")
                .doesNotContainKeys(
                        "S3_BUCKET",
                        "REDIS_URL",
                        "S3_ENDPOINT",
                        "AWS_ACCESS_KEY_ID",
                        "AWS_SECRET_ACCESS_KEY");
        // The subnets and security group cannot be read back: moto's CloudFormation registers the
        // task definition without its awsvpc network mode, so the task gets no network interface.

        assertThat(statuses(id)).containsExactly("QUEUED", "STARTING");

        assertThat(slipway("cancel", id)).as(text(err)).isZero();
        Task stopped = ecs.describeTasks(r -> r.cluster(aws.cluster()).tasks(arns)).tasks().get(0);
        assertThat(stopped.desiredStatus()).isEqualTo("STOPPED");

        // A subnet that does not exist: EC2's own refusal, in one line (DescribeSubnets signed by
        // Slipway itself, without the EC2 SDK).
        ConfigStore store = new ConfigStore(new SlipwayHome(home));
        store.save(
                config.withAws(
                        new AwsSettings(
                                aws.profile(),
                                aws.region(),
                                aws.bucket(),
                                aws.cluster(),
                                aws.taskDefinition(),
                                aws.containerName(),
                                List.of("subnet-0123456789abcdef0"),
                                aws.securityGroups(),
                                aws.assignPublicIp(),
                                aws.redisUrl())));
        assertThat(slipway("doctor")).isEqualTo(1);
        assertThat(text(out))
                .contains(
                        "FAIL subnets: EC2 refused to describe the subnets [subnet-0123456789abcdef0] (InvalidSubnetID.NotFound");
    }

    @Test
    void aSecretVariableTravelsOnlyAsItsPathAndTheBuilderReadsItFromParameterStore()
            throws Exception {
        assertThat(awsInit()).as(text(err)).isZero();
        AwsSettings aws = new ConfigStore(new SlipwayHome(home)).load().aws();
        Path site = workingDir.resolve("secret-site");
        Files.createDirectories(site);
        Files.writeString(
                site.resolve("package.json"),
                "{\"name\":\"secret-site\",\"version\":\"1.0.0\",\"scripts\":{\"build\":\"node build.js\"}}");
        Files.writeString(
                site.resolve("build.js"),
                "const fs = require('fs'); fs.mkdirSync('dist', {recursive: true});\n"
                        + "console.log('the key is ' + process.env.API_KEY);\n"
                        + "fs.writeFileSync('dist/index.html', '<h1>key '"
                        + " + (process.env.API_KEY === '"
                        + SECRET
                        + "' ? 'received' : 'missing') + '</h1>');\n");

        int exit =
                slipway(
                        "deploy",
                        site.toString(),
                        "--slug",
                        "secret-site",
                        "--secret-env",
                        "API_KEY=" + SECRET,
                        "--no-follow",
                        "--json");

        assertThat(exit).as(text(err)).isZero();
        JsonObject deployed = JsonParser.parseString(text(out).trim()).getAsJsonObject();
        String id = deployed.get("deploymentId").getAsString();
        String siteUrl = deployed.get("url").getAsString();
        Task task = onlyTask(aws);
        Map<String, String> overrides = overrides(task);
        assertThat(overrides)
                .containsEntry("SECRETS_PARAMETER_PATH", "/slipway/slipway/projects/secret-site")
                .doesNotContainKey("API_KEY");
        assertThat(task.toString()).as("DescribeTasks").doesNotContain(SECRET);
        try (SsmClient ssm = MOTO.configure(SsmClient.builder()).build()) {
            var parameter =
                    ssm.getParameter(
                                    r ->
                                            r.name("/slipway/slipway/projects/secret-site/API_KEY")
                                                    .withDecryption(true))
                            .parameter();
            assertThat(parameter.typeAsString()).isEqualTo("SecureString");
            assertThat(parameter.value()).isEqualTo(SECRET);
        }

        // The task as ECS would start it: the task definition's environment, its REDIS_URL secret,
        // the overrides, and the task role's credentials (moto's) with moto's endpoints.
        Map<String, String> env = new LinkedHashMap<>();
        ecs.describeTaskDefinition(d -> d.taskDefinition(task.taskDefinitionArn()))
                .taskDefinition()
                .containerDefinitions()
                .get(0)
                .environment()
                .forEach(kv -> env.put(kv.name(), kv.value()));
        env.put("REDIS_URL", REDIS.url());
        env.putAll(overrides);
        env.put("AWS_ACCESS_KEY_ID", "moto");
        env.put("AWS_SECRET_ACCESS_KEY", MotoServerExtension.SECRET_KEY);
        env.put("AWS_ENDPOINT_URL", MOTO.endpoint().toString());
        Path log = workingDir.resolve("builder.log");
        assertThat(runBuilder(env, log)).as(Files.readString(log)).isZero();

        String archived = archivedLog(aws, "secret-site", id);
        assertThat(archived).contains("the key is ***").doesNotContain(SECRET);
        assertThat(Files.readString(log)).doesNotContain(SECRET);
        assertThat(statuses(id)).last().isEqualTo("READY");

        // The URL deploy printed serves: AWS mode's proxy on this machine reads the bucket.
        String url = "http://secret-site.localhost:" + proxyPort + "/";
        assertThat(siteUrl).isEqualTo(url);
        var response =
                java.net.http.HttpClient.newHttpClient()
                        .send(
                                java.net.http.HttpRequest.newBuilder(
                                                java.net.URI.create(
                                                        "http://127.0.0.1:" + proxyPort + "/"))
                                        .header("Host", "secret-site.localhost:" + proxyPort)
                                        .build(),
                                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("<h1>key received</h1>");
        pushImage("slipway-builder");
        assertThat(slipway("doctor")).as(text(out)).isZero();
        assertThat(text(out))
                .contains(
                        "ok   sites: http://<project>.localhost:"
                                + proxyPort
                                + "/ by the proxy on this machine (process");

        // env add --secret in AWS mode: a SecureString next to the first; env rm deletes it.
        assertThat(slipway("env", "add", "secret-site", "DB_PASSWORD=hunter2-hunter2", "--secret"))
                .as(text(err))
                .isZero();
        try (SsmClient ssm = MOTO.configure(SsmClient.builder()).build()) {
            assertThat(
                            ssm.getParametersByPath(
                                            r ->
                                                    r.path("/slipway/slipway/projects/secret-site")
                                                            .withDecryption(true))
                                    .parameters())
                    .extracting(p -> p.name() + "=" + p.value())
                    .containsExactlyInAnyOrder(
                            "/slipway/slipway/projects/secret-site/API_KEY=" + SECRET,
                            "/slipway/slipway/projects/secret-site/DB_PASSWORD=hunter2-hunter2");
            assertThat(slipway("env", "ls", "secret-site")).isZero();
            assertThat(text(out)).contains("DB_PASSWORD").doesNotContain("hunter2");
            assertThat(slipway("env", "rm", "secret-site", "DB_PASSWORD")).as(text(err)).isZero();
            assertThat(
                            ssm.getParametersByPath(
                                            r -> r.path("/slipway/slipway/projects/secret-site"))
                                    .parameters())
                    .extracting(p -> p.name())
                    .containsExactly("/slipway/slipway/projects/secret-site/API_KEY");
        }
        try (var s3 =
                MOTO.configure(software.amazon.awssdk.services.s3.S3Client.builder())
                        .forcePathStyle(true)
                        .build()) {
            String record =
                    s3.getObjectAsBytes(
                                    r -> r.bucket(aws.bucket()).key("projects/secret-site.json"))
                            .asUtf8String();
            assertThat(record).contains("\"secretEnv\":[\"API_KEY\"]").doesNotContain(SECRET);
        }

        // remove deletes the project's SecureStrings with it.
        assertThat(slipway("remove", "secret-site", "--yes")).as(text(err)).isZero();
        try (SsmClient ssm = MOTO.configure(SsmClient.builder()).build()) {
            assertThat(
                            ssm.getParametersByPath(
                                            r ->
                                                    r.path("/slipway/slipway/projects/secret-site")
                                                            .recursive(true))
                                    .parameters())
                    .isEmpty();
        }
    }

    @Test
    void aDeployThatCannotStartLeavesNothingBehind() throws Exception {
        assertThat(awsInit()).as(text(err)).isZero();
        AwsSettings aws = new ConfigStore(new SlipwayHome(home)).load().aws();
        Path site = workingDir.resolve("site");
        Files.createDirectories(site);
        Files.writeString(site.resolve("index.html"), "<h1>hi</h1>");

        // A repository URL with credentials: refused before anything is stored or sent.
        int exit =
                slipway(
                        "deploy",
                        "https://octo:ghp_leaked-token-123@github.com/octo/site",
                        "--slug",
                        "leaky",
                        "--secret-env",
                        "API_KEY=" + SECRET);
        assertThat(exit).isEqualTo(2);
        assertThat(text(err)).contains("carries credentials").doesNotContain("ghp_leaked");
        assertNothingStored(aws, "leaky");

        // Redis does not answer: the deploy stops before it uploads the folder or saves a secret.
        ConfigStore store = new ConfigStore(new SlipwayHome(home));
        SlipwayConfig config = store.load();
        int deadPort = dev.slipway.testing.FreePorts.next();
        store.save(
                config.withAws(
                        new AwsSettings(
                                aws.profile(),
                                aws.region(),
                                aws.bucket(),
                                aws.cluster(),
                                aws.taskDefinition(),
                                aws.containerName(),
                                aws.subnets(),
                                aws.securityGroups(),
                                aws.assignPublicIp(),
                                "redis://127.0.0.1:" + deadPort)));
        exit =
                slipway(
                        "deploy",
                        site.toString(),
                        "--slug",
                        "unreached",
                        "--secret-env",
                        "API_KEY=" + SECRET);
        assertThat(exit).isEqualTo(3);
        assertThat(text(err)).contains("127.0.0.1:" + deadPort).contains("does not answer");
        assertNothingStored(aws, "unreached");

        // No cluster: the same, found before anything is written.
        store.save(config.withAws(withCluster(aws, "no-such-cluster")));
        exit = slipway("deploy", site.toString(), "--slug", "nocluster");
        assertThat(exit).isEqualTo(2);
        assertThat(text(err)).contains("'no-such-cluster' does not exist");
        assertNothingStored(aws, "nocluster");
    }

    @Test
    void aTaskStoppedBehindTheLaunchersBackAfterNoFollowEndsFailedWithEcsReason() throws Exception {
        assertThat(awsInit()).as(text(err)).isZero();
        AwsSettings aws = new ConfigStore(new SlipwayHome(home)).load().aws();
        String reason = "Essential container in task exited";

        // logs --follow, in a later process than the deploy: it ends the build itself.
        String followed = deployNoFollow("followed");
        Path record = home.resolve("builds").resolve(followed + ".task");
        assertThat(record).as("the launcher records the task it started").exists();
        stopBehindTheLaunchersBack(aws, followed, reason);
        java.util.concurrent.atomic.AtomicInteger followExit =
                new java.util.concurrent.atomic.AtomicInteger(-1);
        Thread follower = new Thread(() -> followExit.set(slipway("logs", followed, "--follow")));
        follower.start();
        follower.join(Duration.ofSeconds(60).toMillis());
        assertThat(follower.isAlive()).as("logs --follow ended").isFalse();
        assertThat(text(out)).contains("FAILED").contains(reason);
        assertThat(statuses(followed)).containsExactly("QUEUED", "STARTING", "FAILED");
        assertThat(record).as("an ended build's record goes").doesNotExist();

        // list, the first command after the task stopped: the deployment shows FAILED with ECS's
        // reason, its manifest and archived log written.
        String listed = deployNoFollow("listed");
        stopBehindTheLaunchersBack(aws, listed, reason);
        assertThat(slipway("list", "listed", "--json")).as(text(err)).isZero();
        JsonObject deployment =
                JsonParser.parseString(text(out).trim()).getAsJsonArray().get(0).getAsJsonObject();
        assertThat(deployment.get("deploymentId").getAsString()).isEqualTo(listed);
        assertThat(deployment.get("status").getAsString()).isEqualTo("FAILED");
        assertThat(deployment.get("error").getAsString())
                .isEqualTo("the ECS task stopped: " + reason);
        assertThat(statuses(listed)).containsExactly("QUEUED", "STARTING", "FAILED");
        assertThat(archivedLog(aws, "listed", listed)).contains(reason);
        assertThat(home.resolve("builds").resolve(listed + ".task")).doesNotExist();

        // Once only: a second list ends nothing again.
        assertThat(slipway("list", "listed", "--json")).isZero();
        assertThat(statuses(listed)).containsExactly("QUEUED", "STARTING", "FAILED");
    }

    @Test
    void aCloneTokenIsASecureStringForTheRepositorysHostAndNeverInRunTask() throws Exception {
        assertThat(awsInit()).as(text(err)).isZero();
        AwsSettings aws = new ConfigStore(new SlipwayHome(home)).load().aws();
        String token = "ghp_private-clone-token-0123456789";

        int exit =
                slipway(
                        "deploy",
                        "https://github.com/octo/private-site",
                        "--slug",
                        "private-site",
                        "--secret-env",
                        "GIT_TOKEN=" + token,
                        "--no-follow",
                        "--json");
        assertThat(exit).as(text(err)).isZero();

        Task task = onlyTask(aws);
        assertThat(task.toString()).doesNotContain(token);
        assertThat(overrides(task))
                .containsEntry("SECRETS_PARAMETER_PATH", "/slipway/slipway/projects/private-site")
                .doesNotContainKey("GIT_TOKEN");
        try (SsmClient ssm = MOTO.configure(SsmClient.builder()).build()) {
            assertThat(
                            ssm.getParametersByPath(
                                            r ->
                                                    r.path("/slipway/slipway/projects/private-site")
                                                            .recursive(true)
                                                            .withDecryption(true))
                                    .parameters())
                    .extracting(p -> p.name() + "=" + p.value() + " " + p.typeAsString())
                    .containsExactly(
                            "/slipway/slipway/projects/private-site/git/github.com="
                                    + token
                                    + " SecureString");
        }
        assertThat(text(out)).doesNotContain(token);
        assertThat(text(err)).doesNotContain(token);

        // The builder, with exactly the task's environment and moto as its AWS, reads the token
        // with GetParameter (no "cannot be read" problem), then fails at the clone: github.com
        // does not resolve on this machine. The token is in neither its output nor the archive.
        Map<String, String> env = new LinkedHashMap<>();
        ecs.describeTaskDefinition(d -> d.taskDefinition(task.taskDefinitionArn()))
                .taskDefinition()
                .containerDefinitions()
                .get(0)
                .environment()
                .forEach(kv -> env.put(kv.name(), kv.value()));
        env.put("REDIS_URL", REDIS.url());
        env.putAll(overrides(task));
        env.put("AWS_ACCESS_KEY_ID", "moto");
        env.put("AWS_SECRET_ACCESS_KEY", MotoServerExtension.SECRET_KEY);
        env.put("AWS_ENDPOINT_URL", MOTO.endpoint().toString());
        Path log = workingDir.resolve("clone-builder.log");
        int builderExit = runBuilder(env, log);
        String output = Files.readString(log);
        assertThat(builderExit).as(output).isEqualTo(2);
        assertThat(output)
                .contains("github.com/octo/private-site")
                .doesNotContain("cannot be read")
                .doesNotContain(token);
        assertThat(archivedLog(aws, "private-site", task.startedBy()))
                .as("the token came from SSM: the task's environment has no GIT_TOKEN")
                .contains("A clone token is offered to github.com only")
                .doesNotContain(token);
        assertThat(slipway("cancel", task.startedBy())).as(text(err)).isZero();

        // The record a READY build writes: the token's name among the secrets, no value.
        try (var s3 =
                MOTO.configure(software.amazon.awssdk.services.s3.S3Client.builder())
                        .forcePathStyle(true)
                        .build()) {
            s3.putObject(
                    r -> r.bucket(aws.bucket()).key("projects/private-site.json"),
                    software.amazon.awssdk.core.sync.RequestBody.fromString(
                            "{\"project\":\"private-site\",\"repoUrl\":\"https://github.com/octo/private-site\","
                                    + "\"settings\":{\"spa\":\"auto\",\"env\":{},\"secretEnv\":[\"GIT_TOKEN\"]},"
                                    + "\"liveDeploymentId\":null,\"updatedAt\":\"2026-11-27T20:31:02Z\"}"));
        }
        assertThat(slipway("env", "ls", "private-site")).as(text(err)).isZero();
        assertThat(text(out)).contains("GIT_TOKEN").contains("(secret)").doesNotContain(token);
        assertThat(slipway("env", "add", "private-site", "GIT_TOKEN=plain-value"))
                .as("a clone token is never a plain variable")
                .isEqualTo(2);
        assertThat(text(err)).contains("--secret");
        assertThat(slipway("env", "rm", "private-site", "GIT_TOKEN")).as(text(err)).isZero();
        assertThat(tokens("private-site")).isEmpty();
        assertThat(slipway("env", "add", "private-site", "GIT_TOKEN=" + token + "-2", "--secret"))
                .as(text(err))
                .isZero();
        assertThat(tokens("private-site"))
                .containsExactly("/slipway/slipway/projects/private-site/git/github.com");

        // remove takes the token with the project.
        assertThat(slipway("remove", "private-site", "--yes")).as(text(err)).isZero();
        assertThat(tokens("private-site")).isEmpty();
    }

    /** The names of every parameter under a project's path, clone tokens included. */
    private static List<String> tokens(String project) {
        try (SsmClient ssm = MOTO.configure(SsmClient.builder()).build()) {
            return ssm
                    .getParametersByPath(
                            r -> r.path("/slipway/slipway/projects/" + project).recursive(true))
                    .parameters()
                    .stream()
                    .map(p -> p.name())
                    .toList();
        }
    }

    private String deployNoFollow(String slug) {
        int exit =
                slipway(
                        "deploy",
                        "https://github.com/octo/" + slug,
                        "--slug",
                        slug,
                        "--no-follow",
                        "--json");
        assertThat(exit).as(text(err)).isZero();
        return JsonParser.parseString(text(out).trim())
                .getAsJsonObject()
                .get("deploymentId")
                .getAsString();
    }

    /** StopTask with the ECS API, as the console or an out-of-memory kill would. */
    private void stopBehindTheLaunchersBack(AwsSettings aws, String id, String reason) {
        List<String> arns = ecs.listTasks(r -> r.cluster(aws.cluster()).startedBy(id)).taskArns();
        assertThat(arns).hasSize(1);
        ecs.stopTask(r -> r.cluster(aws.cluster()).task(arns.get(0)).reason(reason));
    }

    private static AwsSettings withCluster(AwsSettings aws, String cluster) {
        return new AwsSettings(
                aws.profile(),
                aws.region(),
                aws.bucket(),
                cluster,
                aws.taskDefinition(),
                aws.containerName(),
                aws.subnets(),
                aws.securityGroups(),
                aws.assignPublicIp(),
                aws.redisUrl());
    }

    /** No task, no object of the project in the bucket, no secret in Parameter Store. */
    private void assertNothingStored(AwsSettings aws, String project) {
        assertThat(ecs.listTasks(r -> r.cluster("slipway")).taskArns()).isEmpty();
        try (var s3 =
                        MOTO.configure(software.amazon.awssdk.services.s3.S3Client.builder())
                                .forcePathStyle(true)
                                .build();
                SsmClient ssm = MOTO.configure(SsmClient.builder()).build()) {
            assertThat(s3.listObjectsV2(r -> r.bucket(aws.bucket())).contents())
                    .extracting(o -> o.key())
                    .noneMatch(k -> k.contains(project));
            assertThat(
                            ssm.getParametersByPath(
                                            r -> r.path("/slipway/slipway/projects/" + project))
                                    .parameters())
                    .isEmpty();
        }
    }

    private static final String SECRET = "sk-live-0123456789abcdef";

    private int awsInit() {
        return slipway(
                "aws", "init", "--stack", "slipway", "--profile", MotoServerExtension.PROFILE);
    }

    private Task onlyTask(AwsSettings aws) {
        List<String> arns = ecs.listTasks(r -> r.cluster(aws.cluster())).taskArns();
        assertThat(arns).hasSize(1);
        return ecs.describeTasks(r -> r.cluster(aws.cluster()).tasks(arns)).tasks().get(0);
    }

    private static Map<String, String> overrides(Task task) {
        Map<String, String> env = new LinkedHashMap<>();
        for (KeyValuePair pair : task.overrides().containerOverrides().get(0).environment()) {
            env.put(pair.name(), pair.value());
        }
        return env;
    }

    /** Runs the packaged builder with exactly {@code env}, as the task's container would. */
    static int runBuilder(Map<String, String> env, Path log) throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder(
                                ProcessHandle.current().info().command().orElse("java"),
                                "-jar",
                                Path.of("../builder-container/target/slipway-builder.jar")
                                        .toAbsolutePath()
                                        .normalize()
                                        .toString())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        builder.environment()
                .keySet()
                .removeIf(k -> k.startsWith("AWS_") || k.startsWith("SLIPWAY_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(3, java.util.concurrent.TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the builder did not finish within 3 minutes");
        }
        return process.exitValue();
    }

    private static String archivedLog(AwsSettings aws, String project, String id) {
        try (var s3 =
                MOTO.configure(software.amazon.awssdk.services.s3.S3Client.builder())
                        .forcePathStyle(true)
                        .build()) {
            return s3.getObjectAsBytes(
                            r ->
                                    r.bucket(aws.bucket())
                                            .key("logs/" + project + "/" + id + ".ndjson"))
                    .asUtf8String();
        }
    }

    @Test
    void credentialsFromAwsProfileAloneWhenTheConfigNamesNoProfileOrRegion() throws Exception {
        assertThat(awsInit()).as(text(err)).isZero();
        // The config as a user might write it by hand: no profile, no region.
        Path file = home.resolve("config.json");
        JsonObject config = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        config.getAsJsonObject("aws").remove("profile");
        config.getAsJsonObject("aws").remove("region");
        Files.writeString(file, config.toString());

        dev.slipway.desktop.SlipwayJar.Result r =
                new dev.slipway.desktop.SlipwayJar(
                                home,
                                Map.of(
                                        "AWS_PROFILE",
                                        MotoServerExtension.PROFILE,
                                        "AWS_CONFIG_FILE",
                                        System.getProperty("aws.configFile"),
                                        "AWS_SHARED_CREDENTIALS_FILE",
                                        System.getProperty("aws.sharedCredentialsFile"),
                                        "AWS_EC2_METADATA_DISABLED",
                                        "true"))
                        .run("doctor", "--json");

        JsonObject credentials = check(r, "credentials");
        assertThat(credentials.get("ok").getAsBoolean()).as(r.toString()).isTrue();
        assertThat(credentials.get("detail").getAsString())
                .contains("(profile 'moto', region us-east-1)");
        assertThat(check(r, "cluster").get("ok").getAsBoolean()).as(r.toString()).isTrue();
        assertThat(check(r, "bucket").get("ok").getAsBoolean()).as(r.toString()).isTrue();

        // Without AWS_PROFILE the default profile has no keys: one sentence, no chain dump.
        r =
                new dev.slipway.desktop.SlipwayJar(
                                home,
                                Map.of(
                                        "AWS_CONFIG_FILE",
                                        System.getProperty("aws.configFile"),
                                        "AWS_SHARED_CREDENTIALS_FILE",
                                        System.getProperty("aws.sharedCredentialsFile"),
                                        "AWS_EC2_METADATA_DISABLED",
                                        "true"))
                        .run("doctor");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stdout())
                .contains("FAIL credentials: No AWS credentials for the profile 'default'")
                .contains("FAIL bucket: not checked: no AWS credentials")
                .doesNotContain("AwsCredentialsProviderChain")
                .doesNotContain("SystemPropertyCredentialsProvider");
        // --debug adds what the SDK said, indented under the line it explains.
        r =
                new dev.slipway.desktop.SlipwayJar(
                                home,
                                Map.of(
                                        "AWS_CONFIG_FILE",
                                        System.getProperty("aws.configFile"),
                                        "AWS_SHARED_CREDENTIALS_FILE",
                                        System.getProperty("aws.sharedCredentialsFile"),
                                        "AWS_EC2_METADATA_DISABLED",
                                        "true"))
                        .run("doctor", "--debug");
        assertThat(r.stdout())
                .contains("FAIL credentials: No AWS credentials for the profile 'default'")
                .containsPattern(
                        "\n {7}software\\.amazon\\.awssdk\\.core\\.exception\\.SdkClientException: Unable to load credentials");
    }

    private static JsonObject check(dev.slipway.desktop.SlipwayJar.Result r, String name) {
        for (var e : JsonParser.parseString(r.stdout().trim()).getAsJsonArray()) {
            if (e.getAsJsonObject().get("check").getAsString().equals(name)) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError("no check " + name + " in " + r);
    }

    /** An image in moto's ECR, tagged latest, as 'slipway aws push-images' would leave it. */
    private static void pushImage(String repository) {
        try (var ecr =
                MOTO.configure(software.amazon.awssdk.services.ecr.EcrClient.builder()).build()) {
            ecr.putImage(
                    r ->
                            r.repositoryName(repository)
                                    .imageTag("latest")
                                    .imageManifestMediaType(
                                            "application/vnd.docker.distribution.manifest.v2+json")
                                    .imageManifest(
                                            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                                                    + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":2,"
                                                    + "\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\"},\"layers\":[]}"));
        }
    }

    /** The statuses on the deployment's log stream, in order. */
    private static List<String> statuses(String id) {
        RedisClient client = RedisClient.create(REDIS.url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            List<String> statuses = new ArrayList<>();
            for (StreamMessage<String, String> message :
                    connection
                            .sync()
                            .xrange("slipway:logs:" + id, io.lettuce.core.Range.create("-", "+"))) {
                JsonObject event =
                        JsonParser.parseString(message.getBody().get("e")).getAsJsonObject();
                if ("status".equals(event.get("type").getAsString())) {
                    statuses.add(event.get("status").getAsString());
                }
            }
            return statuses;
        } finally {
            client.shutdown();
        }
    }

    /** Runs the real command line, with its aws group. */
    private int slipway(String... args) {
        out.reset();
        err.reset();
        Map<String, String> env = Map.of("SLIPWAY_ECS_POLL_SECONDS", "0.2");
        CliContext context =
                new CliContext(
                        new SlipwayHome(home),
                        env,
                        workingDir,
                        new Terminal(
                                new PrintStream(out, true, StandardCharsets.UTF_8),
                                new PrintStream(err, true, StandardCharsets.UTF_8),
                                false));
        try {
            CommandLine cli = Cli.commandLine(context);
            return cli.execute(args);
        } finally {
            context.close();
        }
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
