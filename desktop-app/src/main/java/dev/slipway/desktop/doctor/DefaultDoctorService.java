package dev.slipway.desktop.doctor;

import dev.slipway.awsapi.AwsService;
import dev.slipway.core.config.AwsSettings;
import dev.slipway.core.config.Mode;
import dev.slipway.core.config.SlipwayConfig;
import dev.slipway.core.config.SlipwayHome;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.desktop.backend.AwsClients;
import dev.slipway.desktop.backend.AwsDefaults;
import dev.slipway.desktop.backend.Backends;
import dev.slipway.desktop.launch.BuilderCommand;
import dev.slipway.desktop.launch.EcsCalls;
import dev.slipway.desktop.launch.EcsCalls.Cluster;
import dev.slipway.desktop.launch.EcsCalls.ContainerDefinition;
import dev.slipway.desktop.launch.EcsCalls.TaskDefinition;
import dev.slipway.desktop.logstream.LogStreams;
import dev.slipway.desktop.stack.Ports;
import dev.slipway.desktop.stack.ProcessStackService;
import dev.slipway.desktop.stack.StackFile;
import dev.slipway.desktop.storage.BucketStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The checks of {@code slipway doctor}: what the config's mode needs, each reached for real and
 * reported in one line. It never starts the local stack; it reports whether it runs.
 */
public final class DefaultDoctorService implements DoctorService {

    /** Runs one check; a failure's message is the line's detail. */
    @FunctionalInterface
    private interface Check {
        String run() throws Exception;
    }

    private final SlipwayHome home;
    private final ProcessStackService stack;
    private final Map<String, String> env;

    public DefaultDoctorService(
            SlipwayHome home, ProcessStackService stack, Map<String, String> env) {
        this.home = home;
        this.stack = stack;
        this.env = env;
    }

    @Override
    public List<CheckResult> run(SlipwayConfig named) {
        SlipwayConfig config = AwsDefaults.apply(named, home.configFile(), env);
        List<CheckResult> results = new ArrayList<>();
        results.add(
                new CheckResult(
                        "config",
                        true,
                        Files.exists(home.configFile())
                                ? home.configFile() + " is valid"
                                : "no " + home.configFile() + ": local mode with the defaults"));
        results.add(
                new CheckResult(
                        "mode",
                        true,
                        config.mode().value() + ", sites at " + config.siteUrl("<project>")));
        if (config.mode() == Mode.LOCAL) {
            local(config, results);
        } else {
            aws(config, results);
        }
        return results;
    }

    private void local(SlipwayConfig config, List<CheckResult> results) {
        String java = ProcessStackService.StackCommand.ofThisProcess().javaBinary();
        results.add(check("builder", () -> BuilderCommand.locate(env, java).description()));
        results.add(check("node", DefaultDoctorService::nodeVersion));
        Optional<StackFile> running;
        try {
            running = stack.running();
        } catch (SlipwayException e) {
            results.add(new CheckResult("local stack", false, e.getMessage()));
            return;
        }
        if (running.isEmpty()) {
            results.add(
                    new CheckResult(
                            "local stack",
                            true,
                            "not running; 'slipway deploy' starts it, or 'slipway up --detach'"));
            int port = config.proxyPort();
            results.add(
                    Ports.isFree(port)
                            ? new CheckResult("port " + port, true, "free for the proxy")
                            : new CheckResult(
                                    "port " + port,
                                    false,
                                    Ports.takenMessage(port, home.configFile())));
            return;
        }
        StackFile f = running.get();
        results.add(
                new CheckResult(
                        "local stack",
                        true,
                        "running as process " + f.pid() + " since " + f.startedAt()));
        results.add(
                check(
                        "storage",
                        () -> {
                            try (S3Client s3 = Backends.localS3(f)) {
                                new BucketStore(
                                                s3,
                                                f.bucket(),
                                                "the local stack's storage at " + f.s3Endpoint(),
                                                "restart the stack with 'slipway down' then 'slipway up --detach'")
                                        .check();
                            }
                            return "bucket '" + f.bucket() + "' at " + f.s3Endpoint();
                        }));
        results.add(
                check(
                        "redis",
                        () ->
                                ping(
                                        f.redisUrl(),
                                        "restart the stack with 'slipway down' then 'slipway up --detach'")));
        results.add(check("proxy", () -> health(f.proxyPort())));
    }

    private void aws(SlipwayConfig config, List<CheckResult> results) {
        AwsSettings aws = config.aws();
        AwsClients clients = new AwsClients(aws, env);
        results.add(
                check(
                        "credentials",
                        () ->
                                identity(clients, aws.profile())
                                        + " (profile '"
                                        + aws.profile()
                                        + "', region "
                                        + aws.region()
                                        + ")"));
        results.add(
                check(
                        "bucket",
                        () -> {
                            if (aws.bucket() == null) {
                                throw SlipwayException.badInput(
                                        "\"aws.bucket\" is not set in config.json; set it to the bucket holding the sites.");
                            }
                            try (S3Client s3 = clients.s3()) {
                                new BucketStore(
                                                s3,
                                                aws.bucket(),
                                                "the bucket '"
                                                        + aws.bucket()
                                                        + "' in "
                                                        + aws.region(),
                                                "check \"aws.bucket\" and the profile's permissions")
                                        .check();
                            }
                            return "'" + aws.bucket() + "' answers";
                        }));
        try (EcsCalls ecs = new EcsCalls(clients.api(AwsService.ECS))) {
            results.add(
                    check(
                            "cluster",
                            () -> {
                                Optional<Cluster> cluster =
                                        ecs.describeClusters(aws.cluster()).stream()
                                                .filter(c -> "ACTIVE".equals(c.status()))
                                                .findFirst();
                                if (cluster.isEmpty()) {
                                    throw SlipwayException.badInput(
                                            "The ECS cluster '"
                                                    + aws.cluster()
                                                    + "' does not exist in "
                                                    + aws.region()
                                                    + "; create it (slipway aws init --stack) or set \"aws.cluster\" in config.json.");
                                }
                                return "'" + aws.cluster() + "' is active";
                            }));
            results.add(
                    check(
                            "task definition",
                            () -> {
                                TaskDefinition td;
                                try {
                                    td = ecs.describeTaskDefinition(aws.taskDefinition());
                                } catch (AwsServiceException e) {
                                    throw SlipwayException.badInput(
                                            "The task definition '"
                                                    + aws.taskDefinition()
                                                    + "' was not found ("
                                                    + e.awsErrorDetails().errorMessage()
                                                    + "); register it or set \"aws.taskDefinition\" in config.json.");
                                }
                                List<String> names =
                                        td.containerDefinitions().stream()
                                                .map(ContainerDefinition::name)
                                                .toList();
                                if (!names.contains(aws.containerName())) {
                                    throw SlipwayException.badInput(
                                            "The task definition '"
                                                    + aws.taskDefinition()
                                                    + "' has no container named '"
                                                    + aws.containerName()
                                                    + "'; set \"aws.containerName\" in config.json to one of "
                                                    + names
                                                    + ".");
                                }
                                return td.family()
                                        + ":"
                                        + td.revision()
                                        + " with container '"
                                        + aws.containerName()
                                        + "'";
                            }));
            results.add(check("images", () -> new ImageCheck(ecs, clients).run(aws)));
        }
        results.add(
                check(
                        "subnets",
                        () -> {
                            if (aws.subnets().isEmpty()) {
                                throw SlipwayException.badInput(
                                        "\"aws.subnets\" is empty; list the subnets the build tasks run in.");
                            }
                            try {
                                List<String> found =
                                        new SubnetLookup(clients).existing(aws.subnets());
                                if (found.size() != aws.subnets().size()) {
                                    throw SlipwayException.badInput(
                                            "Only "
                                                    + found.size()
                                                    + " of "
                                                    + aws.subnets()
                                                    + " exist; fix \"aws.subnets\" in config.json.");
                                }
                            } catch (SubnetLookup.Refused e) {
                                throw SlipwayException.badInput(
                                        "EC2 refused to describe the subnets "
                                                + aws.subnets()
                                                + " ("
                                                + e.code
                                                + ": "
                                                + brief(e.getMessage())
                                                + "); fix \"aws.subnets\" in config.json, or let the profile use ec2:DescribeSubnets.");
                            }
                            return String.join(", ", aws.subnets())
                                    + (aws.assignPublicIp() ? " (public IP)" : " (no public IP)");
                        }));
        results.add(
                check(
                        "redis",
                        () -> {
                            if (aws.redisUrl() == null) {
                                throw SlipwayException.badInput(
                                        "\"aws.redisUrl\" is not set in config.json; set it to the rediss://… URL of the log Redis.");
                            }
                            return ping(
                                    aws.redisUrl(),
                                    "check \"aws.redisUrl\" and that this machine may reach it");
                        }));
        results.add(sites(config));
    }

    /**
     * Who serves the sites' URLs: the stack's load balancer (a base domain of one's own), or the
     * proxy on this machine, which must be running for the printed URL to serve.
     */
    private CheckResult sites(SlipwayConfig config) {
        String url = config.siteUrl("<project>");
        if (!Backends.servesLocally(config)) {
            return new CheckResult(
                    "sites",
                    true,
                    url
                            + " through the stack's load balancer (DNS for *."
                            + config.baseDomain()
                            + ")");
        }
        Optional<StackFile> running;
        try {
            running = stack.running();
        } catch (SlipwayException e) {
            return new CheckResult("sites", false, e.getMessage());
        }
        if (running.isEmpty()) {
            int port = config.proxyPort();
            return Ports.isFree(port)
                    ? new CheckResult(
                            "sites",
                            true,
                            url
                                    + " by the proxy on this machine: not running; 'slipway deploy' starts it, or 'slipway up --detach'")
                    : new CheckResult("sites", false, Ports.takenMessage(port, home.configFile()));
        }
        StackFile f = running.get();
        if (!Backends.servesAwsBucket(f) || !f.bucket().equals(config.aws().bucket())) {
            return new CheckResult(
                    "sites",
                    false,
                    "The stack running as process "
                            + f.pid()
                            + " on port "
                            + f.proxyPort()
                            + " does not serve the bucket '"
                            + config.aws().bucket()
                            + "'; stop it with 'slipway down', and the next deploy starts the right one.");
        }
        return new CheckResult(
                "sites", true, url + " by the proxy on this machine (process " + f.pid() + ")");
    }

    @Override
    public Optional<String> awsIdentity(SlipwayConfig config) {
        try {
            SlipwayConfig resolved = AwsDefaults.apply(config, home.configFile(), env);
            return Optional.of(
                    identity(new AwsClients(resolved.aws(), env), resolved.aws().profile()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String identity(AwsClients clients, String profile) {
        try (StsClient sts = clients.sts()) {
            return sts.getCallerIdentity().arn();
        } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
            if (isMissingCredentials(e)) {
                throw SlipwayException.infrastructure(noCredentials(profile), e);
            }
            throw SlipwayException.infrastructure(
                    "No answer from AWS STS ("
                            + brief(e.getMessage())
                            + "); check the network, and the region of the profile '"
                            + profile
                            + "'.",
                    e);
        } catch (software.amazon.awssdk.core.exception.SdkServiceException e) {
            throw SlipwayException.infrastructure(
                    "AWS refused the credentials of the profile '"
                            + profile
                            + "' ("
                            + brief(e.getMessage())
                            + "); refresh them with 'aws sso login --profile "
                            + profile
                            + "' or 'aws configure --profile "
                            + profile
                            + "'.",
                    e);
        }
    }

    private static String noCredentials(String profile) {
        return "No AWS credentials for the profile '"
                + profile
                + "'; run 'aws configure --profile "
                + profile
                + "' (or 'aws sso login --profile "
                + profile
                + "'), or name another profile with AWS_PROFILE or \"aws.profile\" in config.json.";
    }

    /** The SDK's "no provider in the chain had credentials" (its message lists every provider). */
    private static boolean isMissingCredentials(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.contains("Unable to load credentials")) {
                return true;
            }
        }
        return false;
    }

    private static String ping(String redisUrl, String hint) {
        try (LogStreams streams = new LogStreams(redisUrl, hint)) {
            streams.ping();
            io.lettuce.core.RedisURI uri = io.lettuce.core.RedisURI.create(redisUrl);
            boolean password = redisUrl.matches("^rediss?://[^@/]*:[^@/]+@.*");
            return streams.where()
                    + " answers PING ("
                    + (uri.isSsl() ? "TLS" : "no TLS")
                    + ", "
                    + (password ? "password" : "no password")
                    + ")";
        }
    }

    private static String health(int port) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + port + "/_slipway/health"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw SlipwayException.infrastructure(
                    "The proxy on port "
                            + port
                            + " answered "
                            + response.statusCode()
                            + " to its health check; restart the stack with 'slipway down' then 'slipway up --detach'.",
                    null);
        }
        return "serving on port " + port;
    }

    private static String nodeVersion() throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw SlipwayException.badInput(
                    "Node.js is not installed or not on the PATH; install Node.js 18+ to build sites with a package.json.");
        }
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw SlipwayException.infrastructure(
                    "'node --version' did not answer within 10 s; check the Node.js installation.",
                    null);
        }
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (p.exitValue() != 0) {
            throw SlipwayException.badInput(
                    "'node --version' failed (" + out + "); reinstall Node.js 18+.");
        }
        return out;
    }

    private static CheckResult check(String name, Check check) {
        try {
            return new CheckResult(name, true, check.run());
        } catch (SlipwayException e) {
            String detail =
                    !name.equals("credentials") && isMissingCredentials(e)
                            ? NOT_CHECKED_WITHOUT_CREDENTIALS
                            : e.getMessage();
            return new CheckResult(name, false, detail, causes(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CheckResult(name, false, "interrupted");
        } catch (Exception e) {
            String detail =
                    isMissingCredentials(e)
                            ? NOT_CHECKED_WITHOUT_CREDENTIALS
                            : brief(e.getMessage() == null ? e.toString() : e.getMessage());
            return new CheckResult(name, false, detail, causes(e));
        }
    }

    private static final String NOT_CHECKED_WITHOUT_CREDENTIALS =
            "not checked: no AWS credentials (see the credentials line).";

    /** Every cause's class and message, one per line: what {@code --debug} adds to a line. */
    private static String causes(Throwable e) {
        if (e == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(t.getClass().getName()).append(": ").append(t.getMessage());
        }
        return out.toString();
    }

    /** The first line of a message, at most 200 characters. */
    private static String brief(String message) {
        String line = firstLine(message);
        return line.length() <= 200 ? line : line.substring(0, 197) + "...";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
