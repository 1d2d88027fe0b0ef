package dev.slipway.desktop.doctor;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.slipway.awsapi.AwsApi;
import dev.slipway.awsapi.AwsService;
import dev.slipway.core.config.AwsSettings;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.desktop.backend.AwsClients;
import dev.slipway.desktop.launch.EcsCalls;
import dev.slipway.desktop.launch.EcsCalls.ContainerDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * {@code doctor}'s images line: the ECR repositories hold the images the stack's task definitions
 * run (ECS DescribeTaskDefinition, then ECR DescribeImages by tag or digest): the builder's, and
 * the proxy's when the stack runs the proxy service ({@code <cluster>-proxy}).
 */
final class ImageCheck {

    private final EcsCalls ecs;
    private final AwsClients clients;

    ImageCheck(EcsCalls ecs, AwsClients clients) {
        this.ecs = ecs;
        this.clients = clients;
    }

    /** The images the stack's task definitions name are in their ECR repositories. */
    String run(AwsSettings aws) {
        List<String> found = new ArrayList<>();
        try (AwsApi ecr = clients.api(AwsService.ECR)) {
            found.add(
                    image(
                            ecr,
                            "builder",
                            containerImage(ecs, aws.taskDefinition(), aws.containerName())));
            Optional<String> proxy = proxyImage(ecs, aws.cluster() + "-proxy");
            if (proxy.isPresent()) {
                found.add(image(ecr, "proxy", proxy.get()));
            }
        }
        return String.join("; ", found);
    }

    private static String containerImage(EcsCalls ecs, String family, String container) {
        return ecs.describeTaskDefinition(family).containerDefinitions().stream()
                .filter(c -> c.name().equals(container))
                .map(ContainerDefinition::image)
                .findFirst()
                .orElseThrow(
                        () ->
                                SlipwayException.badInput(
                                        "The task definition '"
                                                + family
                                                + "' has no container named '"
                                                + container
                                                + "'; set \"aws.containerName\" in config.json."));
    }

    /** The proxy service's image, when the stack runs one ({@code EnableProxyService=true}). */
    private static Optional<String> proxyImage(EcsCalls ecs, String family) {
        try {
            return ecs.describeTaskDefinition(family).containerDefinitions().stream()
                    .map(ContainerDefinition::image)
                    .findFirst();
        } catch (AwsServiceException e) {
            if ("ClientException".equals(e.awsErrorDetails().errorCode())) {
                // No such task definition: the stack runs no proxy service.
                return Optional.empty();
            }
            throw e;
        }
    }

    private static String image(AwsApi ecr, String role, String image) {
        java.util.regex.Matcher m = ECR_IMAGE.matcher(image);
        if (!m.matches()) {
            return role + " " + image + " (not in ECR, not checked)";
        }
        String repository = m.group(1);
        String tag = m.group(2) == null ? "latest" : m.group(2);
        String digest = m.group(3);
        JsonObject id = new JsonObject();
        if (digest != null) {
            id.addProperty("imageDigest", digest);
        } else {
            id.addProperty("imageTag", tag);
        }
        JsonArray ids = new JsonArray();
        ids.add(id);
        JsonObject request = new JsonObject();
        request.addProperty("repositoryName", repository);
        request.add("imageIds", ids);
        String shown = repository + (digest != null ? "@" + digest : ":" + tag);
        try {
            ecr.json("DescribeImages", request);
            return role + " " + shown + " is in ECR";
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails().errorCode();
            if ("ImageNotFoundException".equals(code)) {
                throw SlipwayException.badInput(
                        "The ECR repository "
                                + repository
                                + " has no image "
                                + shown
                                + ", which the "
                                + role
                                + " task definition runs; push it with 'slipway aws push-images'.");
            }
            if ("RepositoryNotFoundException".equals(code)) {
                throw SlipwayException.badInput(
                        "The ECR repository "
                                + repository
                                + " that the "
                                + role
                                + " task definition names does not exist; create the stack from infra/slipway.yaml, or fix the task definition's image.");
            }
            throw e;
        }
    }

    /** {@code <account>.dkr.ecr.<region>.amazonaws.com/<repository>[:<tag>][@<digest>]}. */
    private static final java.util.regex.Pattern ECR_IMAGE =
            java.util.regex.Pattern.compile(
                    "^[0-9]{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com(?:\\.cn)?/([^:@]+)(?::([^@]+))?(?:@(sha256:[0-9a-f]{64}))?$");
}
