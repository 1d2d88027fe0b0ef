package dev.slipway.desktop.aws;

import dev.slipway.core.build.ExitStatus;
import dev.slipway.core.config.AwsSettings;
import dev.slipway.core.config.ConfigException;
import dev.slipway.core.config.ConfigStore;
import dev.slipway.core.config.Mode;
import dev.slipway.core.config.SlipwayConfig;
import dev.slipway.desktop.SlipwayException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code slipway aws init}: reads the outputs of a stack made from {@code infra/slipway.yaml} and
 * writes them as the {@code aws} section of {@code config.json}, switching it to AWS mode. The rest
 * of the file (base domain, proxy port) is kept unless the stack runs the proxy. Credentials are
 * never written: the config names the profile, and the SDK's chain finds them.
 */
public final class AwsInitService {

    /** A stack name, or a stack id (its ARN). */
    private static final Pattern STACK =
            Pattern.compile(
                    "^[A-Za-z][A-Za-z0-9-]{0,127}$|^arn:aws[a-z-]*:cloudformation:.+:stack/.+");

    private static final Pattern REDIS_URL = Pattern.compile("^rediss?://\\S+$");

    private final ConfigStore store;
    private final StackSource stacks;
    private final Map<String, String> env;

    /**
     * @param env the process environment; {@code AWS_PROFILE} there is the profile when {@code
     *     --profile} is not given, as for the AWS CLI.
     */
    public AwsInitService(ConfigStore store, StackSource stacks, Map<String, String> env) {
        this.store = store;
        this.stacks = stacks;
        this.env = Map.copyOf(env);
    }

    /**
     * What the user asked for; {@code profile}, {@code region} and {@code redisUrl} may be null.
     */
    public record Request(String stack, String profile, String region, String redisUrl) {}

    /** What was written, and where the Redis URL came from (a parameter name, or the option). */
    public record Result(
            Path configFile,
            SlipwayConfig config,
            StackDescription stack,
            String redisUrlSource,
            boolean baseDomainFromStack) {}

    public Result init(Request request) {
        String stackName = request.stack() == null ? "" : request.stack().trim();
        if (!STACK.matcher(stackName).matches()) {
            throw SlipwayException.badInput(
                    "\""
                            + stackName
                            + "\" is not a CloudFormation stack name: use letters, digits and '-', starting with"
                            + " a letter (for example --stack slipway).");
        }
        if (request.redisUrl() != null && !REDIS_URL.matcher(request.redisUrl()).matches()) {
            throw SlipwayException.badInput(
                    "--redis-url must look like rediss://:PASSWORD@HOST:PORT (or redis:// without TLS).");
        }
        SlipwayConfig current = loadCurrent();
        String profile =
                firstNonBlank(
                        request.profile(), env.get("AWS_PROFILE"), AwsSettings.DEFAULT_PROFILE);
        String region = firstNonBlank(request.region(), stacks.defaultRegion(profile), null);
        if (region == null) {
            throw SlipwayException.badInput(
                    "No AWS region is set for profile \""
                            + profile
                            + "\": pass --region (the stack's region, for example --region us-east-1).");
        }
        AwsTarget target = new AwsTarget(profile, region);

        StackDescription stack = stacks.describe(target, stackName);
        requireUsable(stack);
        Map<String, String> out = stack.outputs();
        List<String> missing = new ArrayList<>();
        for (String key : StackOutputs.REQUIRED) {
            if (out.get(key) == null || out.get(key).isBlank()) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw SlipwayException.badInput(
                    "Stack \""
                            + stack.name()
                            + "\" lacks the output"
                            + (missing.size() == 1 ? " " : "s ")
                            + String.join(", ", missing)
                            + ": it was not made from infra/slipway.yaml, or from an older version. Update it"
                            + " with the current template (docs/aws.md) and run aws init again.");
        }
        List<String> subnets = ids(out.get(StackOutputs.SUBNETS));
        List<String> securityGroups = ids(out.get(StackOutputs.SECURITY_GROUPS));
        if (subnets.isEmpty() || securityGroups.isEmpty()) {
            throw SlipwayException.badInput(
                    "Stack \""
                            + stack.name()
                            + "\" names no "
                            + (subnets.isEmpty() ? "subnet" : "security group")
                            + " in its outputs; update it with at least one subnet (parameter Subnets).");
        }
        String stackRegion = out.get(StackOutputs.REGION).trim();

        String redisUrl;
        String redisSource;
        if (request.redisUrl() != null) {
            redisUrl = request.redisUrl().trim();
            redisSource = "--redis-url";
        } else {
            String parameter = out.get(StackOutputs.REDIS_URL_PARAMETER).trim();
            redisUrl =
                    stacks.secureParameter(new AwsTarget(profile, stackRegion), parameter).trim();
            redisSource = "SSM parameter " + parameter;
            if (!REDIS_URL.matcher(redisUrl).matches()) {
                // The value is a secret: say what is wrong with it without echoing it.
                throw SlipwayException.badInput(
                        "The SSM parameter "
                                + parameter
                                + " does not hold a Redis URL (it must start with rediss:// or redis://). Put the"
                                + " URL there with aws ssm put-parameter --overwrite, or pass --redis-url.");
            }
        }

        AwsSettings aws =
                new AwsSettings(
                        profile,
                        stackRegion,
                        out.get(StackOutputs.BUCKET).trim(),
                        out.get(StackOutputs.CLUSTER).trim(),
                        out.get(StackOutputs.TASK_DEFINITION).trim(),
                        out.get(StackOutputs.CONTAINER_NAME).trim(),
                        subnets,
                        securityGroups,
                        Boolean.parseBoolean(out.get(StackOutputs.ASSIGN_PUBLIC_IP).trim()),
                        redisUrl);
        String baseDomain = out.get(StackOutputs.BASE_DOMAIN);
        boolean domainFromStack = baseDomain != null && !baseDomain.isBlank();
        SlipwayConfig written =
                domainFromStack
                        // The load balancer serves the sites on port 80 (and 443 with a
                        // certificate).
                        ? new SlipwayConfig(Mode.AWS, baseDomain.trim(), 80, aws)
                        : current.withMode(Mode.AWS).withAws(aws);
        try {
            store.save(written);
        } catch (ConfigException e) {
            throw SlipwayException.infrastructure(e.getMessage(), e);
        }
        return new Result(store.file(), written, stack, redisSource, domainFromStack);
    }

    private SlipwayConfig loadCurrent() {
        try {
            return store.load();
        } catch (ConfigException e) {
            throw new SlipwayException(
                    ExitStatus.BAD_INPUT,
                    e.getMessage() + " aws init keeps the rest of the file, so fix it first.",
                    e);
        }
    }

    private static void requireUsable(StackDescription stack) {
        if (stack.usable()) {
            return;
        }
        String reason =
                stack.statusReason() == null || stack.statusReason().isBlank()
                        ? ""
                        : " (" + stack.statusReason() + ")";
        if (stack.inProgress()) {
            throw SlipwayException.badInput(
                    "Stack \""
                            + stack.name()
                            + "\" is "
                            + stack.status()
                            + reason
                            + ": wait until it is complete (aws cloudformation wait stack-create-complete"
                            + " --stack-name "
                            + stack.name()
                            + ", or stack-update-complete) and run aws init again.");
        }
        throw SlipwayException.badInput(
                "Stack \""
                        + stack.name()
                        + "\" is "
                        + stack.status()
                        + reason
                        + ", so its resources cannot be used. See why with aws cloudformation"
                        + " describe-stack-events --stack-name "
                        + stack.name()
                        + ", fix it (delete the stack if its creation failed, then create it again), and run"
                        + " aws init again.");
    }

    private static List<String> ids(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String firstNonBlank(String a, String b, String fallback) {
        if (a != null && !a.isBlank()) {
            return a.trim();
        }
        if (b != null && !b.isBlank()) {
            return b.trim();
        }
        return fallback;
    }

    /** The Redis URL with its password replaced by {@code ****}, fit to print. */
    public static String masked(String redisUrl) {
        return redisUrl.replaceFirst("^(rediss?://)([^@/]*:)?[^@/]*@", "$1$2****@");
    }

    /**
     * What to know about a Redis URL that both the tasks and this machine must reach, when there is
     * something: ElastiCache answers only inside its VPC; a non-loopback URL without TLS sends the
     * password in clear.
     */
    public static java.util.Optional<String> redisAdvice(String redisUrl) {
        String host;
        try {
            host = io.lettuce.core.RedisURI.create(redisUrl).getHost();
        } catch (RuntimeException unparsable) {
            return java.util.Optional.empty();
        }
        if (host == null) {
            return java.util.Optional.empty();
        }
        if (host.endsWith(".cache.amazonaws.com")) {
            return java.util.Optional.of(
                    "ElastiCache answers only inside its VPC: the builds reach it, but 'slipway deploy' and 'logs' on this"
                            + " machine need a VPN into that VPC to follow logs (docs/aws.md, Which Redis).");
        }
        boolean loopback =
                host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
        if (!redisUrl.startsWith("rediss://") && !loopback) {
            return java.util.Optional.of(
                    "This Redis URL has no TLS, so its password crosses the internet in clear: use a managed Redis with"
                            + " TLS and a password (Upstash, Redis Cloud, Aiven; docs/aws.md, Which Redis).");
        }
        return java.util.Optional.empty();
    }
}
