package dev.slipway.desktop.backend;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.slipway.core.config.AwsSettings;
import dev.slipway.core.config.Mode;
import dev.slipway.core.config.SlipwayConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;

/**
 * The AWS CLI's conventions for what {@code config.json} leaves out: the profile is {@code
 * AWS_PROFILE} (else {@code default}); the region is {@code AWS_REGION} or {@code
 * AWS_DEFAULT_REGION}, else the profile's {@code region}, else {@code us-east-1}. A profile or
 * region that {@code config.json} names always wins.
 */
public final class AwsDefaults {

    private AwsDefaults() {}

    /** The config with the profile and region it does not name filled in from the environment. */
    public static SlipwayConfig apply(
            SlipwayConfig config, Path configFile, Map<String, String> env) {
        if (config.mode() != Mode.AWS) {
            return config;
        }
        JsonObject raw = rawAws(configFile);
        AwsSettings aws = config.aws();
        String profile =
                named(raw, "profile")
                        .orElseGet(
                                () ->
                                        nonBlank(env.get("AWS_PROFILE"))
                                                .orElse(AwsSettings.DEFAULT_PROFILE));
        String region =
                named(raw, "region")
                        .or(() -> nonBlank(env.get("AWS_REGION")))
                        .or(() -> nonBlank(env.get("AWS_DEFAULT_REGION")))
                        .or(() -> profileRegion(profile))
                        .orElse(AwsSettings.DEFAULT_REGION);
        if (profile.equals(aws.profile()) && region.equals(aws.region())) {
            return config;
        }
        return config.withAws(
                new AwsSettings(
                        profile,
                        region,
                        aws.bucket(),
                        aws.cluster(),
                        aws.taskDefinition(),
                        aws.containerName(),
                        aws.subnets(),
                        aws.securityGroups(),
                        aws.assignPublicIp(),
                        aws.redisUrl()));
    }

    private static JsonObject rawAws(Path configFile) {
        try {
            JsonElement root =
                    JsonParser.parseString(Files.readString(configFile, StandardCharsets.UTF_8));
            if (root.isJsonObject()
                    && root.getAsJsonObject().has("aws")
                    && root.getAsJsonObject().get("aws").isJsonObject()) {
                return root.getAsJsonObject().getAsJsonObject("aws");
            }
        } catch (NoSuchFileException missing) {
            // No file: nothing is named.
        } catch (IOException | RuntimeException unreadable) {
            // ConfigStore.load() read it a moment ago; a file changed since names nothing here.
        }
        return new JsonObject();
    }

    private static Optional<String> named(JsonObject aws, String key) {
        JsonElement value = aws.get(key);
        return value != null && value.isJsonPrimitive()
                ? nonBlank(value.getAsString())
                : Optional.empty();
    }

    private static Optional<String> profileRegion(String profile) {
        try {
            return ProfileFile.defaultProfileFile()
                    .profile(profile)
                    .flatMap(p -> p.property(ProfileProperty.REGION))
                    .flatMap(AwsDefaults::nonBlank);
        } catch (RuntimeException unreadable) {
            // An unreadable ~/.aws/config: the SDK says so when it builds a client.
            return Optional.empty();
        }
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
    }
}
