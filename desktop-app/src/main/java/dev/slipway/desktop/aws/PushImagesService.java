package dev.slipway.desktop.aws;

import com.google.gson.JsonObject;
import dev.slipway.awsapi.AwsApi;
import dev.slipway.core.config.AwsSettings;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.desktop.launch.EcsCalls;
import dev.slipway.desktop.launch.EcsCalls.ContainerDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * {@code slipway aws push-images}: builds the builder and proxy images with Jib from public base
 * images and pushes them to the stack's ECR repositories, without a Docker engine. The builder
 * image's name comes from the task definition builds run with (so RunTask finds what was pushed);
 * the proxy's repository is its sibling {@code <stack>-proxy} (infra/slipway.yaml names both).
 */
public final class PushImagesService {

    /** Where the Slipway checkout is, how to run Maven, and where to cache the JRE. */
    public record Request(Path checkout, String mvn, Path jreDir, Path jreCache) {}

    /** The two images pushed. */
    public record Result(String builderImage, String proxyImage) {}

    private final AwsSettings aws;
    private final EcsCalls ecs;
    private final AwsApi ecr;

    public PushImagesService(AwsSettings aws, EcsCalls ecs, AwsApi ecr) {
        this.aws = aws;
        this.ecs = ecs;
        this.ecr = ecr;
    }

    public Result push(Request request) {
        if (!Files.isRegularFile(request.checkout().resolve("builder-container/pom.xml"))) {
            throw SlipwayException.badInput(
                    "push-images builds the images from the Slipway checkout, and "
                            + request.checkout()
                            + " is not one; run it as ./slipway aws push-images from the checkout.");
        }
        String builderImage = builderImage();
        String proxyImage = proxyImage(builderImage);
        // ECR GetAuthorizationToken: a base64 "AWS:<password>" for the registry, valid 12 hours.
        JsonObject login =
                ecr.json("GetAuthorizationToken", new JsonObject())
                        .getAsJsonArray("authorizationData")
                        .get(0)
                        .getAsJsonObject();
        String[] userPassword =
                new String(
                                Base64.getDecoder()
                                        .decode(login.get("authorizationToken").getAsString()),
                                StandardCharsets.UTF_8)
                        .split(":", 2);
        Path jre =
                request.jreDir() != null
                        ? request.jreDir()
                        : new TemurinJre(request.jreCache()).unpacked();
        if (!Files.isRegularFile(jre.resolve("bin/java"))) {
            throw SlipwayException.badInput(
                    jre + " holds no bin/java; point --jre-dir at an unpacked JRE for linux/x64.");
        }
        Map<String, String> registryLogin =
                Map.of(
                        "SLIPWAY_REGISTRY_USERNAME", userPassword[0],
                        "SLIPWAY_REGISTRY_PASSWORD", userPassword[1]);
        run(
                new JibBuild(
                                JibBuild.Image.BUILDER,
                                "build",
                                Map.of("image", builderImage, "slipway.jre.dir", jre.toString()))
                        .command(request.mvn(), request.checkout()),
                request.checkout(),
                registryLogin);
        run(
                new JibBuild(JibBuild.Image.PROXY, "build", Map.of("image", proxyImage))
                        .command(request.mvn(), request.checkout()),
                request.checkout(),
                registryLogin);
        return new Result(builderImage, proxyImage);
    }

    /** The image of the task definition's builder container: where RunTask pulls from. */
    String builderImage() {
        List<ContainerDefinition> containers =
                ecs.describeTaskDefinition(aws.taskDefinition()).containerDefinitions();
        return containers.stream()
                .filter(c -> c.name().equals(aws.containerName()))
                .map(ContainerDefinition::image)
                .findFirst()
                .orElseThrow(
                        () ->
                                SlipwayException.badInput(
                                        "The task definition '"
                                                + aws.taskDefinition()
                                                + "' has no container '"
                                                + aws.containerName()
                                                + "'; run slipway aws init --stack <name> again."));
    }

    /** {@code …/<stack>-builder:<tag>} to {@code …/<stack>-proxy:<tag>}. */
    static String proxyImage(String builderImage) {
        int colon = builderImage.lastIndexOf(':');
        String repository =
                colon > builderImage.lastIndexOf('/')
                        ? builderImage.substring(0, colon)
                        : builderImage;
        String tag =
                colon > builderImage.lastIndexOf('/') ? builderImage.substring(colon) : ":latest";
        if (!repository.endsWith("-builder")) {
            throw SlipwayException.badInput(
                    "The builder image "
                            + builderImage
                            + " is not in a <stack>-builder repository of infra/slipway.yaml; push the images by hand (docs/aws.md).");
        }
        return repository.substring(0, repository.length() - "-builder".length()) + "-proxy" + tag;
    }

    private static void run(List<String> command, Path checkout, Map<String, String> env) {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(checkout.toFile()).inheritIO();
        builder.environment().putAll(env);
        try {
            int exit = builder.start().waitFor();
            if (exit != 0) {
                throw SlipwayException.infrastructure(
                        "Building or pushing an image failed (Maven exited with "
                                + exit
                                + "); its output above says why.",
                        null);
            }
        } catch (IOException e) {
            throw SlipwayException.badInput(
                    "Could not run Maven ("
                            + command.get(0)
                            + "); install Maven 3.8+ or put it on PATH.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SlipwayException.infrastructure("Interrupted while pushing the images.", e);
        }
    }
}
