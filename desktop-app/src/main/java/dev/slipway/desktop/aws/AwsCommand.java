package dev.slipway.desktop.aws;

import dev.slipway.awsapi.AwsService;
import dev.slipway.core.config.AwsSettings;
import dev.slipway.core.config.ConfigStore;
import dev.slipway.core.config.SlipwayConfig;
import dev.slipway.core.config.SlipwayHome;
import dev.slipway.desktop.backend.AwsClients;
import dev.slipway.desktop.launch.EcsCalls;
import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code slipway aws …}: connects Slipway to the user's AWS account. Registered on the root command
 * with {@code root.addSubcommand(AwsCommand.of(home, env))}. Failures are thrown as {@link
 * dev.slipway.desktop.SlipwayException}s for the root's one exception handler.
 */
@Command(
        name = "aws",
        mixinStandardHelpOptions = true,
        description = "Connect Slipway to your AWS account (see docs/aws.md).")
public final class AwsCommand {

    private final Supplier<AwsInitService> initService;
    private final Supplier<PushImagesService> pushService;
    private final SlipwayHome home;

    @Spec CommandSpec spec;

    /** The service is built on first use, so {@code slipway --help} never touches the SDK. */
    public AwsCommand(
            Supplier<AwsInitService> initService,
            Supplier<PushImagesService> pushService,
            SlipwayHome home) {
        this.initService = initService;
        this.pushService = pushService;
        this.home = home;
    }

    /** The command over the real AWS SDK, writing {@code home}'s {@code config.json}. */
    public static AwsCommand of(SlipwayHome home, Map<String, String> env) {
        return new AwsCommand(
                () -> new AwsInitService(new ConfigStore(home), new SdkStackSource(), env),
                () -> {
                    SlipwayConfig config = new ConfigStore(home).load();
                    if (config.aws() == null || config.aws().taskDefinition() == null) {
                        throw dev.slipway.desktop.SlipwayException.badInput(
                                "config.json names no AWS stack yet; run slipway aws init --stack <name> first.");
                    }
                    AwsClients clients = new AwsClients(config.aws(), env);
                    return new PushImagesService(
                            config.aws(),
                            new EcsCalls(clients.api(AwsService.ECS)),
                            clients.api(AwsService.ECR));
                },
                home);
    }

    @Command(
            name = "init",
            mixinStandardHelpOptions = true,
            description = {
                "Reads the outputs of a stack made from infra/slipway.yaml and writes them to config.json"
                        + " (mode aws). Credentials are not written: config.json names the profile.",
            })
    int init(
            @Option(
                            names = "--stack",
                            required = true,
                            paramLabel = "NAME",
                            description = "the CloudFormation stack, for example slipway")
                    String stack,
            @Option(
                            names = "--profile",
                            paramLabel = "P",
                            description =
                                    "the AWS profile (default: $AWS_PROFILE, else \"default\")")
                    String profile,
            @Option(
                            names = "--region",
                            paramLabel = "R",
                            description = "the stack's region (default: the profile's region)")
                    String region,
            @Option(
                            names = "--redis-url",
                            paramLabel = "URL",
                            description =
                                    "the Redis URL to use instead of reading the stack's SSM parameter")
                    String redisUrl) {
        AwsInitService.Result result =
                initService
                        .get()
                        .init(new AwsInitService.Request(stack, profile, region, redisUrl));
        print(spec.commandLine().getOut(), result);
        return 0;
    }

    @Command(
            name = "push-images",
            mixinStandardHelpOptions = true,
            description = {
                "Builds the builder and proxy images with Jib (no Docker engine) from public base images"
                        + " and pushes them to the stack's ECR repositories. Run it from the Slipway checkout;"
                        + " needs Maven and the network (Docker Hub, api.adoptium.net, ECR).",
            })
    int pushImages(
            @Option(
                            names = "--jre-dir",
                            paramLabel = "DIR",
                            description =
                                    "an unpacked Temurin 17 JRE for linux/x64 to use instead of downloading one")
                    java.nio.file.Path jreDir,
            @Option(
                            names = "--mvn",
                            paramLabel = "CMD",
                            defaultValue = "mvn",
                            description = "the Maven command (default: mvn)")
                    String mvn) {
        PushImagesService.Result result =
                pushService
                        .get()
                        .push(
                                new PushImagesService.Request(
                                        checkout(), mvn, jreDir, home.root().resolve("cache/jre")));
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                "Pushed %s%nPushed %s%nNext: slipway doctor.%n",
                result.builderImage(), result.proxyImage());
        out.flush();
        return 0;
    }

    /** The Slipway checkout: the one this program's jar was built in, else the current folder. */
    private static java.nio.file.Path checkout() {
        try {
            java.nio.file.Path jar =
                    java.nio.file.Path.of(
                            AwsCommand.class
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()
                                    .toURI());
            java.nio.file.Path root = jar.getParent().getParent().getParent();
            if (java.nio.file.Files.isRegularFile(root.resolve("builder-container/pom.xml"))) {
                return root;
            }
        } catch (java.net.URISyntaxException | RuntimeException notFromAJar) {
            // Run from classes or an unusual place: fall back to the current folder.
        }
        return java.nio.file.Path.of("").toAbsolutePath();
    }

    private static void print(PrintWriter out, AwsInitService.Result result) {
        SlipwayConfig config = result.config();
        AwsSettings aws = config.aws();
        out.printf(
                "Wrote the settings of stack %s (%s) to %s; Slipway is now in AWS mode.%n",
                result.stack().name(), result.stack().status(), result.configFile());
        row(out, "profile", aws.profile());
        row(out, "region", aws.region());
        row(out, "bucket", aws.bucket());
        row(out, "cluster", aws.cluster());
        row(out, "taskDefinition", aws.taskDefinition());
        row(out, "containerName", aws.containerName());
        row(out, "subnets", String.join(", ", aws.subnets()));
        row(out, "securityGroups", String.join(", ", aws.securityGroups()));
        row(out, "assignPublicIp", String.valueOf(aws.assignPublicIp()));
        row(
                out,
                "redisUrl",
                AwsInitService.masked(aws.redisUrl()) + "  (from " + result.redisUrlSource() + ")");
        row(
                out,
                "baseDomain",
                config.baseDomain()
                        + (result.baseDomainFromStack()
                                ? "  (from the stack, port 80)"
                                : "  (unchanged)"));
        if (!result.baseDomainFromStack()) {
            row(
                    out,
                    "sites",
                    config.siteUrl("<project>")
                            + "  (the proxy on this machine serves them from the bucket; deploy starts it)");
        }
        AwsInitService.redisAdvice(aws.redisUrl()).ifPresent(note -> out.println("note: " + note));
        out.println("Next: ./slipway aws push-images, then slipway doctor.");
        out.flush();
    }

    private static void row(PrintWriter out, String name, String value) {
        out.printf("  %-15s %s%n", name, value);
    }
}
