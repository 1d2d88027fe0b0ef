package dev.slipway.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigStoreTest {

    @TempDir Path home;

    private ConfigStore store() {
        return new ConfigStore(new SlipwayHome(home));
    }

    @Test
    void missingFileMeansLocalModeWithDefaults() {
        SlipwayConfig config = store().load();
        assertThat(config.mode()).isEqualTo(Mode.LOCAL);
        assertThat(config.baseDomain()).isEqualTo("localhost");
        assertThat(config.proxyPort()).isEqualTo(8000);
        assertThat(config.aws().profile()).isEqualTo("default");
        assertThat(config.aws().containerName()).isEqualTo("builder");
        assertThat(config.siteUrl("demo")).isEqualTo("http://demo.localhost:8000/");
    }

    @Test
    void readsTheContractsExample() throws Exception {
        Files.writeString(
                home.resolve("config.json"),
                """
        {"mode":"aws","baseDomain":"sites.example.com","proxyPort":80,
         "aws":{"profile":"work","region":"eu-west-1","bucket":"my-sites","cluster":"slipway",
                "taskDefinition":"slipway-builder","containerName":"builder",
                "subnets":["subnet-1","subnet-2"],"securityGroups":["sg-1"],"assignPublicIp":false,
                "redisUrl":"rediss://:pw@redis.example.com:6380"}}
        """);
        SlipwayConfig config = store().load();
        assertThat(config.mode()).isEqualTo(Mode.AWS);
        assertThat(config.siteUrl("demo")).isEqualTo("http://demo.sites.example.com/");
        AwsSettings aws = config.aws();
        assertThat(aws.profile()).isEqualTo("work");
        assertThat(aws.region()).isEqualTo("eu-west-1");
        assertThat(aws.bucket()).isEqualTo("my-sites");
        assertThat(aws.subnets()).containsExactly("subnet-1", "subnet-2");
        assertThat(aws.securityGroups()).containsExactly("sg-1");
        assertThat(aws.assignPublicIp()).isFalse();
        assertThat(aws.redisUrl()).isEqualTo("rediss://:pw@redis.example.com:6380");
    }

    @Test
    void savesAndReloadsTheSameConfig() {
        SlipwayConfig config =
                SlipwayConfig.defaults()
                        .withMode(Mode.AWS)
                        .withAws(
                                new AwsSettings(
                                        "p",
                                        "us-west-2",
                                        "b",
                                        "c",
                                        "td",
                                        "builder",
                                        List.of("subnet-a"),
                                        List.of(),
                                        true,
                                        null));
        store().save(config);
        assertThat(store().load()).isEqualTo(config);
        assertThat(home.resolve("config.json")).content().contains("\"mode\": \"aws\"");
    }

    @Test
    void writesAFileOnlyItsOwnerCanRead() throws Exception {
        store().save(SlipwayConfig.defaults());
        assertThat(
                        java.nio.file.attribute.PosixFilePermissions.toString(
                                Files.getPosixFilePermissions(home.resolve("config.json"))))
                .isEqualTo("rw-------");
    }

    @Test
    void malformedJsonNamesTheFileAndLine() throws Exception {
        Files.writeString(
                home.resolve("config.json"),
                "{\n  \"mode\": \"local\",\n  \"proxyPort\": 80 80\n}\n");
        assertThatThrownBy(() -> store().load())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(home.resolve("config.json") + " line 3:")
                .hasMessageContaining("not valid JSON")
                .hasMessageNotContaining("\tat ")
                .hasMessageNotContaining("Troubleshooting");
    }

    @Test
    void wrongTypeNamesTheFieldAndItsLine() throws Exception {
        Files.writeString(
                home.resolve("config.json"),
                "{\n  \"mode\": \"local\",\n\n  \"proxyPort\": \"eighty\"\n}\n");
        assertThatThrownBy(() -> store().load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 4")
                .hasMessageContaining("\"proxyPort\" must be a port number from 1 to 65535");
    }

    @Test
    void badValuesAreExplained() {
        ConfigStore s = store();
        assertThatThrownBy(() -> s.parse("{\"mode\":\"cloud\"}"))
                .hasMessageContaining("\"mode\" must be \"local\" or \"aws\"");
        assertThatThrownBy(() -> s.parse("{\"proxyPort\":70000}"))
                .hasMessageContaining("from 1 to 65535");
        assertThatThrownBy(() -> s.parse("{\"baseDomain\":\"http://x\"}"))
                .hasMessageContaining("must be a domain name");
        assertThatThrownBy(() -> s.parse("{\"aws\":{\n\"subnets\":\"subnet-1\"}}"))
                .hasMessageContaining("line 2")
                .hasMessageContaining("\"aws.subnets\" must be a list of strings");
        assertThatThrownBy(() -> s.parse("{\"aws\":{\"assignPublicIp\":\"yes\"}}"))
                .hasMessageContaining("true or false");
        assertThatThrownBy(() -> s.parse("{\"aws\":{\"redisUrl\":\"http://x\"}}"))
                .hasMessageContaining("redis://");
        assertThatThrownBy(() -> s.parse("[1,2]")).hasMessageContaining("one JSON object");
    }

    @Test
    void homeComesFromTheEnvironment() {
        assertThat(
                        SlipwayHome.fromEnvironment(Map.of("SLIPWAY_HOME", home.toString()))
                                .configFile())
                .isEqualTo(home.resolve("config.json"));
        assertThat(SlipwayHome.fromEnvironment(Map.of()).root())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".slipway"));
    }

    @Test
    void anUnknownKeyIsReportedWithItsLineAndTheClosestSetting() throws Exception {
        Files.writeString(
                home.resolve("config.json"), "{\"mode\":\"local\",\n \"proxyport\": 8081}\n");

        assertThatThrownBy(() -> store().load())
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith(
                        "config.json line 2: \"proxyport\" is not a setting Slipway knows; did you"
                                + " mean \"proxyPort\"?");
    }

    @Test
    void anUnknownKeyInTheAwsSectionIsNamedWithItsSection() throws Exception {
        Files.writeString(
                home.resolve("config.json"),
                "{\"mode\":\"aws\",\"aws\":{\"region\":\"us-east-1\",\"colour\":\"red\"}}");

        assertThatThrownBy(() -> store().load())
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("\"aws.colour\" is not a setting Slipway knows; remove it.");
    }

    @Test
    void aFileCutShortIsOneSentenceWithoutTheParsersExceptionName() throws Exception {
        Files.writeString(home.resolve("config.json"), "{\"mode\":\"local\",\"aws\":{\"region\"");

        assertThatThrownBy(() -> store().load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ends before its JSON is complete")
                .hasMessageNotContaining("Exception")
                .hasMessageNotContaining("java.io");
    }
}
