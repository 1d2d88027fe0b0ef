package dev.slipway.desktop.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.slipway.awsapi.AwsApi;
import dev.slipway.awsapi.AwsService;
import dev.slipway.core.config.AwsSettings;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.project.ProjectSettings;
import dev.slipway.core.project.Slug;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.desktop.SlipwayJar;
import dev.slipway.desktop.logstream.LogStreams;
import dev.slipway.proxy.ProxyConfig;
import dev.slipway.proxy.ProxyServer;
import dev.slipway.testing.GitFixture;
import dev.slipway.testing.RedisServerExtension;
import dev.slipway.testing.S3ServerExtension;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The ECS launcher against moto: the RunTask that {@code slipway deploy} sends in AWS mode, read
 * back with DescribeTasks, and each failure ECS can give. Needs {@code moto_server} (skipped with a
 * message when it is missing).
 */
class EcsDeployIT {

    @RegisterExtension
    @Order(1)
    static final MotoServer moto = new MotoServer();

    @RegisterExtension static final S3ServerExtension s3 = new S3ServerExtension();
    @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

    @TempDir static Path home;

    private static EcsClient ecs;
    private static EcsCalls calls;
    private static String subnet;
    private static LogStreams streams;

    @BeforeAll
    static void setUpCluster() throws Exception {
        var credentials =
                StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(
                                S3ServerExtension.ACCESS_KEY, S3ServerExtension.SECRET_KEY));
        ecs =
                EcsClient.builder()
                        .endpointOverride(URI.create(moto.endpoint()))
                        .region(Region.US_EAST_1)
                        .credentialsProvider(credentials)
                        .httpClient(UrlConnectionHttpClient.create())
                        .build();
        calls =
                new EcsCalls(
                        new AwsApi(
                                AwsService.ECS,
                                Region.US_EAST_1,
                                java.util.Optional.of(moto.endpoint()),
                                credentials,
                                AwsApi.retriesOf("default"),
                                Duration.ofSeconds(30)));
        try (Ec2Client ec2 =
                Ec2Client.builder()
                        .endpointOverride(URI.create(moto.endpoint()))
                        .region(Region.US_EAST_1)
                        .credentialsProvider(credentials)
                        .httpClient(UrlConnectionHttpClient.create())
                        .build()) {
            subnet =
                    ec2.describeSubnets(
                                    r -> r.filters(f -> f.name("default-for-az").values("true")))
                            .subnets()
                            .get(0)
                            .subnetId();
        }
        ecs.createCluster(r -> r.clusterName("slipway"));
        ecs.registerTaskDefinition(
                r ->
                        r.family("slipway-builder")
                                .networkMode("awsvpc")
                                .requiresCompatibilitiesWithStrings("FARGATE")
                                .cpu("1024")
                                .memory("2048")
                                .containerDefinitions(
                                        c ->
                                                c.name("builder")
                                                        .image("slipway-builder:latest")
                                                        .memory(2048)
                                                        .environment(taskDefinitionEnv())));
        Files.writeString(
                home.resolve("config.json"),
                """
        {"mode":"aws","baseDomain":"sites.example.com","proxyPort":80,
         "aws":{"profile":"default","region":"us-east-1","bucket":"%s","cluster":"slipway",
                "taskDefinition":"slipway-builder","containerName":"builder",
                "subnets":["%s"],"securityGroups":["sg-0123456789abcdef0"],"assignPublicIp":true,
                "redisUrl":"%s"}}
        """
                        .formatted(s3.bucket(), subnet, redis.url()));
        streams = new LogStreams(redis.url(), "start the test Redis");
    }

    @AfterAll
    static void close() {
        if (streams != null) {
            streams.close();
        }
        if (ecs != null) {
            ecs.close();
        }
    }

    /** Where the task's bucket and Redis are: in the task definition, as the contract says. */
    static List<KeyValuePair> taskDefinitionEnv() {
        return List.of(
                KeyValuePair.builder().name("S3_BUCKET").value(s3.bucket()).build(),
                KeyValuePair.builder().name("S3_ENDPOINT").value(s3.endpoint().toString()).build(),
                KeyValuePair.builder().name("REDIS_URL").value(redis.url()).build(),
                KeyValuePair.builder().name("AWS_REGION").value("us-east-1").build());
    }

    private static Map<String, String> awsEnv() {
        return Map.of(
                "AWS_ENDPOINT_URL_ECS",
                moto.endpoint(),
                "AWS_ENDPOINT_URL_S3",
                s3.endpoint().toString(),
                "AWS_ACCESS_KEY_ID",
                S3ServerExtension.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY",
                S3ServerExtension.SECRET_KEY,
                "AWS_EC2_METADATA_DISABLED",
                "true",
                "SLIPWAY_ECS_POLL_SECONDS",
                "0.3");
    }

    private static Task taskStartedBy(DeploymentId id) {
        List<String> arns =
                ecs.listTasks(r -> r.cluster("slipway").startedBy(id.value())).taskArns();
        assertThat(arns).as("tasks started by " + id).hasSize(1);
        return ecs.describeTasks(r -> r.cluster("slipway").tasks(arns)).tasks().get(0);
    }

    private static Map<String, String> overrides(Task task) {
        assertThat(task.overrides().containerOverrides()).hasSize(1);
        assertThat(task.overrides().containerOverrides().get(0).name()).isEqualTo("builder");
        Map<String, String> env = new LinkedHashMap<>();
        task.overrides()
                .containerOverrides()
                .get(0)
                .environment()
                .forEach(kv -> env.put(kv.name(), kv.value()));
        return env;
    }

    private static List<LogEvent> events(DeploymentId id) {
        return streams.all(id).stream().map(LogStreams.Entry::event).toList();
    }

    @Test
    void deployRunsAFargateTaskWhoseOverridesCarryEveryBuildSetting() throws Exception {
        SlipwayJar.Result r =
                new SlipwayJar(home, awsEnv())
                        .run(
                                "deploy",
                                "https://git.example.com/owner/site.git",
                                "--slug",
                                "demo",
                                "--ref",
                                "v2",
                                "--root-dir",
                                "app",
                                "--install-command",
                                "npm ci",
                                "--build-command",
                                "node build.js",
                                "--output-dir",
                                "dist",
                                "--env",
                                "API_URL=https://api.example.com",
                                "--env",
                                "GREETING=hello world",
                                "--spa",
                                "true",
                                "--no-follow",
                                "--json");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonObject json = JsonParser.parseString(r.stdout().trim()).getAsJsonObject();
        DeploymentId id = DeploymentId.of(json.get("deploymentId").getAsString());
        assertThat(json.get("url").getAsString()).isEqualTo("http://demo.sites.example.com/");

        Task task = taskStartedBy(id);
        assertThat(task.launchTypeAsString()).isEqualTo("FARGATE");
        assertThat(task.taskDefinitionArn()).contains("task-definition/slipway-builder");
        assertThat(task.startedBy()).isEqualTo(id.value());
        assertThat(overrides(task))
                .containsExactly(
                        Map.entry("GIT_REPOSITORY_URL", "https://git.example.com/owner/site.git"),
                        Map.entry("GIT_REF", "v2"),
                        Map.entry("PROJECT_ID", "demo"),
                        Map.entry("DEPLOYMENT_ID", id.value()),
                        Map.entry("SITE_URL", "http://demo.sites.example.com/"),
                        Map.entry("ROOT_DIRECTORY", "app"),
                        Map.entry("INSTALL_COMMAND", "npm ci"),
                        Map.entry("BUILD_COMMAND", "node build.js"),
                        Map.entry("OUTPUT_DIRECTORY", "dist"),
                        Map.entry("SPA", "true"),
                        Map.entry(
                                "BUILD_ENV",
                                "{\"API_URL\":\"https://api.example.com\",\"GREETING\":\"hello world\"}"));
        assertThat(events(id))
                .filteredOn(LogEvent::isStatus)
                .extracting(LogEvent::status, LogEvent::seq)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(DeploymentStatus.QUEUED, 0L),
                        org.assertj.core.groups.Tuple.tuple(DeploymentStatus.STARTING, 0L));
        // The record (repository, settings) is the builder's to write, and only when READY: a
        // launch writes none, so a build that never starts claims nothing.
        assertThat(
                        s3.client()
                                .listObjectsV2(
                                        b -> b.bucket(s3.bucket()).prefix("projects/demo.json"))
                                .contents())
                .isEmpty();
    }

    @Test
    void theBuilderRunWithExactlyTheTasksEnvironmentPublishesASiteTheProxyServes(@TempDir Path work)
            throws Exception {
        GitFixture repo =
                GitFixture.withFiles(
                        work.resolve("ecs-site"),
                        Map.of(
                                "package.json",
                                "{\"name\":\"ecs-site\",\"version\":\"1.0.0\",\"scripts\":{\"build\":\"node build.js\"}}",
                                "build.js",
                                "require('fs').mkdirSync('dist',{recursive:true});"
                                        + " require('fs').writeFileSync('dist/index.html','<h1>'+process.env.GREETING+' from ECS</h1>');"));
        try (HttpsGitServer git = new HttpsGitServer(repo.path(), work)) {
            SlipwayJar.Result r =
                    new SlipwayJar(home, awsEnv())
                            .run(
                                    "deploy",
                                    git.url("ecs-site"),
                                    "--slug",
                                    "ecs-site",
                                    "--env",
                                    "GREETING=hello",
                                    "--no-follow",
                                    "--json");
            assertThat(r.exit()).as(r.toString()).isZero();
            DeploymentId id =
                    DeploymentId.of(
                            JsonParser.parseString(r.stdout().trim())
                                    .getAsJsonObject()
                                    .get("deploymentId")
                                    .getAsString());
            Task task = taskStartedBy(id);

            // What the ECS agent would give the container: the task definition's environment, then
            // the overrides.
            Map<String, String> env = new LinkedHashMap<>();
            String definition = task.taskDefinitionArn();
            ecs.describeTaskDefinition(d -> d.taskDefinition(definition))
                    .taskDefinition()
                    .containerDefinitions()
                    .get(0)
                    .environment()
                    .forEach(kv -> env.put(kv.name(), kv.value()));
            env.putAll(overrides(task));
            // The task role's credentials, and the image's trust store knowing the test's Git
            // server.
            env.put("AWS_ACCESS_KEY_ID", S3ServerExtension.ACCESS_KEY);
            env.put("AWS_SECRET_ACCESS_KEY", S3ServerExtension.SECRET_KEY);
            env.put("JAVA_TOOL_OPTIONS", git.trustOptions());
            ProcessBuilder builder =
                    new ProcessBuilder(
                                    ProcessHandle.current().info().command().orElse("java"),
                                    "-jar",
                                    Path.of("../builder-container/target/slipway-builder.jar")
                                            .toAbsolutePath()
                                            .normalize()
                                            .toString())
                            .redirectErrorStream(true)
                            .redirectOutput(work.resolve("builder.log").toFile());
            builder.environment()
                    .keySet()
                    .removeIf(k -> k.startsWith("AWS_") || k.startsWith("SLIPWAY_"));
            builder.environment().putAll(env);
            Process process = builder.start();
            assertThat(process.waitFor(3, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
            assertThat(process.exitValue())
                    .as(Files.readString(work.resolve("builder.log")))
                    .isZero();

            int port = dev.slipway.testing.FreePorts.next();
            try (ProxyServer proxy =
                    ProxyServer.start(
                            new ProxyConfig(
                                    port,
                                    "127.0.0.1",
                                    "sites.example.com",
                                    s3.bucket(),
                                    s3.endpoint(),
                                    "us-east-1",
                                    redis.url(),
                                    ProxyConfig.DEFAULT_CACHE_MAX_BYTES),
                            StaticCredentialsProvider.create(
                                    AwsBasicCredentials.create(
                                            S3ServerExtension.ACCESS_KEY,
                                            S3ServerExtension.SECRET_KEY)))) {
                var response =
                        java.net.http.HttpClient.newHttpClient()
                                .send(
                                        java.net.http.HttpRequest.newBuilder(
                                                        URI.create(
                                                                "http://127.0.0.1:" + port + "/"))
                                                .header("Host", "ecs-site.sites.example.com")
                                                .build(),
                                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).contains("<h1>hello from ECS</h1>");
            }
            SlipwayJar.Result logs = new SlipwayJar(home, awsEnv()).run("logs", id.value());
            assertThat(logs.exit()).as(logs.toString()).isZero();
            assertThat(logs.stdout())
                    .startsWith("-- QUEUED")
                    .contains("Started ECS task " + task.taskArn())
                    .endsWith("-- READY http://ecs-site.sites.example.com/\n");
        }
    }

    @Test
    void aTaskStoppedBehindTheLaunchersBackEndsFailedWithEcsReason() throws Exception {
        SlipwayJar.Running deploy =
                new SlipwayJar(home, awsEnv())
                        .start(
                                "deploy",
                                "https://git.example.com/owner/other.git",
                                "--slug",
                                "stopped");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> deploy.stdoutSoFar().contains("-- STARTING"));
        String firstLine = deploy.stdoutSoFar().lines().findFirst().orElseThrow();
        DeploymentId id = DeploymentId.of(firstLine.split(" ")[1]);
        Task task = taskStartedBy(id);
        ecs.stopTask(
                r ->
                        r.cluster("slipway")
                                .task(task.taskArn())
                                .reason("OutOfMemoryError: Container killed due to memory usage"));

        SlipwayJar.Result r = deploy.await(Duration.ofSeconds(60));
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdout())
                .contains("-- FAILED: ECS stopped the build task " + task.taskArn())
                .contains(
                        "before the build finished: OutOfMemoryError: Container killed due to"
                                + " memory usage");
        assertThat(r.stderr()).contains("error: deployment " + id + " FAILED");
        assertThat(events(id).get(events(id).size() - 1).status())
                .isEqualTo(DeploymentStatus.FAILED);
    }

    @Test
    void aTaskStoppedBehindTheLaunchersBackIsFoundGoneWithEcsReason() {
        AwsSettings aws = settings("slipway", "slipway-builder", "builder");
        // No watcher that would notice in time: the deploy process is gone (--no-follow).
        EcsLauncher launcher = new EcsLauncher(calls, aws, streams, Duration.ofHours(1));
        LaunchSpec spec = spec(Map.of());
        launcher.launch(spec);
        EcsBuildLiveness liveness = new EcsBuildLiveness(calls, aws, "/ecs/slipway");
        assertThat(liveness.state(spec.project(), spec.id()))
                .isInstanceOf(dev.slipway.desktop.reconcile.BuildLiveness.Running.class);

        String arn =
                ecs.listTasks(r -> r.cluster("slipway").startedBy(spec.id().value()))
                        .taskArns()
                        .get(0);
        ecs.stopTask(r -> r.cluster("slipway").task(arn).reason("Essential container exited"));

        var state = liveness.state(spec.project(), spec.id());
        assertThat(state).isInstanceOf(dev.slipway.desktop.reconcile.BuildLiveness.Gone.class);
        assertThat(((dev.slipway.desktop.reconcile.BuildLiveness.Gone) state).reason())
                .contains("Essential container exited");
        assertThat(liveness.state(spec.project(), dev.slipway.core.deployment.DeploymentId.newId()))
                .isInstanceOf(dev.slipway.desktop.reconcile.BuildLiveness.Unknown.class);
    }

    @Test
    void aTaskStoppedWithoutAReasonIsGoneNamingItsCloudWatchLogGroupAndStream() {
        AwsSettings aws = settings("slipway", "slipway-builder", "builder");
        EcsLauncher launcher = new EcsLauncher(calls, aws, streams, Duration.ofHours(1));
        LaunchSpec spec = spec(Map.of());
        launcher.launch(spec);
        String arn =
                ecs.listTasks(r -> r.cluster("slipway").startedBy(spec.id().value()))
                        .taskArns()
                        .get(0);
        ecs.stopTask(r -> r.cluster("slipway").task(arn));

        var state =
                new EcsBuildLiveness(calls, aws, "/ecs/slipway").state(spec.project(), spec.id());

        assertThat(state).isInstanceOf(dev.slipway.desktop.reconcile.BuildLiveness.Gone.class);
        assertThat(((dev.slipway.desktop.reconcile.BuildLiveness.Gone) state).reason())
                .isEqualTo(
                        "the ECS task "
                                + arn
                                + " stopped without a reason; its output is in CloudWatch log group"
                                + " /ecs/slipway, stream builder/builder/"
                                + arn.substring(arn.lastIndexOf('/') + 1));
    }

    @Test
    void aRecordedTaskEcsNoLongerKnowsIsGoneNamingItsCloudWatchStreamOnceOldEnough() {
        AwsSettings aws = settings("slipway", "slipway-builder", "builder");
        var records =
                new dev.slipway.desktop.reconcile.EcsTaskRecords(
                        new dev.slipway.core.config.SlipwayHome(home), "us-east-1", "slipway");
        var id = dev.slipway.core.deployment.DeploymentId.newId();
        var project = dev.slipway.core.project.Slug.of("forgotten");
        records.record(
                project, id, "arn:aws:ecs:us-east-1:123456789012:task/slipway/0123456789abcdef");
        records.record(
                project,
                dev.slipway.core.deployment.DeploymentId.newId(),
                "arn:aws:ecs:eu-west-1:123456789012:task/other/fedcba9876543210");
        assertThat(records.known())
                .as("only the configured region's and cluster's records")
                .containsExactly(new dev.slipway.desktop.reconcile.KnownBuilds.Known(project, id));

        java.time.Clock now = java.time.Clock.systemUTC();
        EcsBuildLiveness fresh = new EcsBuildLiveness(calls, aws, "/ecs/slipway", records, now);
        assertThat(fresh.state(project, id))
                .as("just launched: ECS may not list it yet")
                .isInstanceOf(dev.slipway.desktop.reconcile.BuildLiveness.Unknown.class);

        EcsBuildLiveness later =
                new EcsBuildLiveness(
                        calls,
                        aws,
                        "/ecs/slipway",
                        records,
                        java.time.Clock.offset(now, Duration.ofHours(2)));
        var state = later.state(project, id);
        assertThat(state).isInstanceOf(dev.slipway.desktop.reconcile.BuildLiveness.Gone.class);
        assertThat(((dev.slipway.desktop.reconcile.BuildLiveness.Gone) state).reason())
                .contains("ECS no longer knows the build task")
                .contains("log group /ecs/slipway, stream builder/builder/0123456789abcdef");
        assertThat(later.projectOf(id)).contains(project);
        records.remove(id);
        assertThat(records.known()).isEmpty();
    }

    private static EcsLauncher launcher(AwsSettings aws) {
        return new EcsLauncher(calls, aws, streams, Duration.ofMillis(200));
    }

    private static AwsSettings settings(String cluster, String taskDefinition, String container) {
        return new AwsSettings(
                "default",
                "us-east-1",
                s3.bucket(),
                cluster,
                taskDefinition,
                container,
                List.of(subnet),
                List.of("sg-0123456789abcdef0"),
                true,
                redis.url());
    }

    private static LaunchSpec spec(Map<String, String> buildEnv) {
        return new LaunchSpec(
                Slug.of("fail"),
                DeploymentId.newId(),
                "https://git.example.com/o/r",
                ProjectSettings.defaults(),
                buildEnv,
                "http://fail.localhost/",
                null);
    }

    @Test
    void aMissingClusterIsASentenceNamingTheSettingAndEndsTheStream() {
        LaunchSpec spec = spec(Map.of());
        assertThatThrownBy(
                        () ->
                                launcher(settings("no-such-cluster", "slipway-builder", "builder"))
                                        .launch(spec))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("'no-such-cluster' does not exist")
                .hasMessageContaining("\"aws.cluster\"");
        List<LogEvent> events = events(spec.id());
        assertThat(events.get(events.size() - 1).status()).isEqualTo(DeploymentStatus.FAILED);
    }

    @Test
    void aMissingTaskDefinitionNamesTheSetting() {
        assertThatThrownBy(
                        () ->
                                launcher(settings("slipway", "no-such-family", "builder"))
                                        .launch(spec(Map.of())))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("'no-such-family'")
                .hasMessageContaining("\"aws.taskDefinition\"");
    }

    @Test
    void aContainerTheTaskDefinitionLacksNamesTheSettingAndStartsNothing() {
        LaunchSpec spec = spec(Map.of());
        assertThatThrownBy(
                        () -> launcher(settings("slipway", "slipway-builder", "web")).launch(spec))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("no container named 'web'")
                .hasMessageContaining("\"aws.containerName\"")
                .hasMessageContaining("[builder]");
        assertThat(ecs.listTasks(r -> r.cluster("slipway").startedBy(spec.id().value())).taskArns())
                .isEmpty();
    }

    @Test
    void settingsOverEcsEightKibLimitAreRefusedBeforeAnyTaskStarts() {
        String big = "x".repeat(9000);
        LaunchSpec spec = spec(Map.of("BIG", big));
        assertThatThrownBy(
                        () ->
                                launcher(settings("slipway", "slipway-builder", "builder"))
                                        .launch(spec))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("8 KiB")
                .hasMessageContaining("--env");
        assertThat(ecs.listTasks(r -> r.cluster("slipway").startedBy(spec.id().value())).taskArns())
                .isEmpty();
    }

    @Test
    void cancelStopsTheTaskAndEndsTheStreamCanceled() {
        EcsLauncher launcher = launcher(settings("slipway", "slipway-builder", "builder"));
        LaunchSpec spec = spec(Map.of());
        launcher.launch(spec);
        assertThat(launcher.cancel(spec.id())).isTrue();
        Task task =
                ecs.describeTasks(
                                r -> r.cluster("slipway").tasks(taskStartedBy(spec.id()).taskArn()))
                        .tasks()
                        .get(0);
        assertThat(task.desiredStatus()).isEqualTo("STOPPED");
        assertThat(task.stoppedReason()).contains("slipway cancel");
        assertThat(
                        events(spec.id()).stream()
                                .map(e -> String.valueOf(e.status()))
                                .collect(Collectors.joining(",")))
                .endsWith("CANCELED");
        assertThat(launcher.cancel(spec.id())).isFalse();
    }
}
