package dev.slipway.desktop.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.config.AwsSettings;
import dev.slipway.core.config.ConfigStore;
import dev.slipway.core.config.SlipwayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AWS CLI's order for the profile and region that config.json does not name. */
class AwsDefaultsTest {

    @TempDir Path dir;
    private String savedConfigFile;

    @BeforeEach
    void profileFile() throws Exception {
        Path awsConfig = dir.resolve("aws-config");
        Files.writeString(
                awsConfig,
                "[default]\nregion = ap-south-1\n[profile work]\nregion = eu-west-2\n[profile bare]\n");
        savedConfigFile = System.getProperty("aws.configFile");
        System.setProperty("aws.configFile", awsConfig.toString());
    }

    @AfterEach
    void restore() {
        if (savedConfigFile == null) {
            System.clearProperty("aws.configFile");
        } else {
            System.setProperty("aws.configFile", savedConfigFile);
        }
    }

    private AwsSettings resolve(String configJson, Map<String, String> env) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, configJson);
        SlipwayConfig config = new ConfigStore(file).load();
        return AwsDefaults.apply(config, file, env).aws();
    }

    @Test
    void awsProfileAndTheProfilesRegionWhenTheConfigNamesNeither() throws Exception {
        AwsSettings aws =
                resolve(
                        "{\"mode\":\"aws\",\"aws\":{\"bucket\":\"b\"}}",
                        Map.of("AWS_PROFILE", "work"));
        assertThat(aws.profile()).isEqualTo("work");
        assertThat(aws.region()).isEqualTo("eu-west-2");
    }

    @Test
    void awsRegionBeatsTheProfilesRegion() throws Exception {
        AwsSettings aws =
                resolve(
                        "{\"mode\":\"aws\",\"aws\":{\"bucket\":\"b\"}}",
                        Map.of("AWS_PROFILE", "work", "AWS_REGION", "sa-east-1"));
        assertThat(aws.region()).isEqualTo("sa-east-1");
        aws =
                resolve(
                        "{\"mode\":\"aws\",\"aws\":{\"bucket\":\"b\"}}",
                        Map.of("AWS_DEFAULT_REGION", "ca-central-1"));
        assertThat(aws.profile()).isEqualTo("default");
        assertThat(aws.region()).isEqualTo("ca-central-1");
    }

    @Test
    void theDefaultProfilesRegionWithoutAnyVariable() throws Exception {
        AwsSettings aws = resolve("{\"mode\":\"aws\",\"aws\":{\"bucket\":\"b\"}}", Map.of());
        assertThat(aws.profile()).isEqualTo("default");
        assertThat(aws.region()).isEqualTo("ap-south-1");
        aws =
                resolve(
                        "{\"mode\":\"aws\",\"aws\":{\"bucket\":\"b\"}}",
                        Map.of("AWS_PROFILE", "bare"));
        assertThat(aws.region()).as("a profile without a region").isEqualTo("us-east-1");
    }

    @Test
    void whatTheConfigNamesWins() throws Exception {
        AwsSettings aws =
                resolve(
                        "{\"mode\":\"aws\",\"aws\":{\"profile\":\"default\",\"region\":\"us-west-2\",\"bucket\":\"b\"}}",
                        Map.of("AWS_PROFILE", "work", "AWS_REGION", "sa-east-1"));
        assertThat(aws.profile()).isEqualTo("default");
        assertThat(aws.region()).isEqualTo("us-west-2");
    }

    @Test
    void localModeIsLeftAlone() throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"mode\":\"local\"}");
        SlipwayConfig config = new ConfigStore(file).load();
        assertThat(AwsDefaults.apply(config, file, Map.of("AWS_PROFILE", "work"))).isSameAs(config);
    }
}
