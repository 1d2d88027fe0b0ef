package dev.slipway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyConfigTest {

    @Test
    void readsTheContractDefaults() {
        ProxyConfig c = ProxyConfig.fromEnvironment(Map.of("S3_BUCKET", "sites"), new String[0]);
        assertThat(c)
                .isEqualTo(
                        new ProxyConfig(
                                8000,
                                "127.0.0.1",
                                "localhost",
                                "sites",
                                null,
                                "us-east-1",
                                null,
                                256L * 1024 * 1024));
    }

    @Test
    void readsEveryVariableAndLetsFlagsWin() {
        Map<String, String> env =
                Map.of(
                        "PORT",
                        "9000",
                        "BIND",
                        "0.0.0.0",
                        "BASE_DOMAIN",
                        "Sites.Example.com.",
                        "S3_BUCKET",
                        "b",
                        "S3_ENDPOINT",
                        "http://127.0.0.1:9999",
                        "AWS_REGION",
                        "eu-west-1",
                        "REDIS_URL",
                        "redis://127.0.0.1:6379",
                        "CACHE_MAX_BYTES",
                        "64m");
        ProxyConfig c =
                ProxyConfig.fromEnvironment(
                        env, new String[] {"--port", "7000", "--cache_max_bytes=2g"});
        assertThat(c.port()).isEqualTo(7000);
        assertThat(c.bind()).isEqualTo("0.0.0.0");
        assertThat(c.baseDomain()).isEqualTo("sites.example.com");
        assertThat(c.s3Endpoint()).isEqualTo(URI.create("http://127.0.0.1:9999"));
        assertThat(c.region()).isEqualTo("eu-west-1");
        assertThat(c.redisUrl()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(c.cacheMaxBytes()).isEqualTo(2L * 1024 * 1024 * 1024);
    }

    @Test
    void explainsBadSettings() {
        assertThatThrownBy(() -> ProxyConfig.fromEnvironment(Map.of(), new String[0]))
                .hasMessageContaining("S3_BUCKET is missing");
        assertThatThrownBy(
                        () ->
                                ProxyConfig.fromEnvironment(
                                        Map.of("S3_BUCKET", "b", "PORT", "http"), new String[0]))
                .hasMessageContaining("PORT must be a number");
        assertThatThrownBy(
                        () ->
                                ProxyConfig.fromEnvironment(
                                        Map.of("S3_BUCKET", "b"), new String[] {"--port", "70000"}))
                .hasMessageContaining("between 0 and 65535");
        assertThatThrownBy(
                        () ->
                                ProxyConfig.fromEnvironment(
                                        Map.of("S3_BUCKET", "b", "REDIS_URL", "localhost:6379"),
                                        new String[0]))
                .hasMessageContaining("redis://");
        assertThatThrownBy(
                        () ->
                                ProxyConfig.fromEnvironment(
                                        Map.of("S3_BUCKET", "b", "CACHE_MAX_BYTES", "lots"),
                                        new String[0]))
                .hasMessageContaining("256m");
        assertThatThrownBy(
                        () ->
                                ProxyConfig.fromEnvironment(
                                        Map.of("S3_BUCKET", "b", "BASE_DOMAIN", "http://x/"),
                                        new String[0]))
                .hasMessageContaining("not a domain name");
        assertThatThrownBy(
                        () ->
                                ProxyConfig.fromEnvironment(
                                        Map.of("S3_BUCKET", "b"), new String[] {"--colour", "x"}))
                .hasMessageContaining("Unknown option --colour");
        assertThatThrownBy(
                        () ->
                                ProxyConfig.fromEnvironment(
                                        Map.of("S3_BUCKET", "b"), new String[] {"--port"}))
                .hasMessageContaining("--port needs a value");
        assertThatThrownBy(
                        () ->
                                ProxyConfig.fromEnvironment(
                                        Map.of("S3_BUCKET", "b", "S3_ENDPOINT", "ftp://x"),
                                        new String[0]))
                .hasMessageContaining("S3_ENDPOINT");
    }

    @Test
    void readsTheAdminListenerOffByDefaultAndOnLoopbackWhenGiven() {
        ProxyConfig off = ProxyConfig.fromEnvironment(Map.of("S3_BUCKET", "b"), new String[0]);
        assertThat(off.adminPort()).isNull();
        ProxyConfig on =
                ProxyConfig.fromEnvironment(
                        Map.of("S3_BUCKET", "b", "ADMIN_PORT", "9100"), new String[0]);
        assertThat(on.adminPort()).isEqualTo(9100);
        assertThat(on.adminBind()).isEqualTo("127.0.0.1");
        ProxyConfig flag =
                ProxyConfig.fromEnvironment(
                        Map.of("S3_BUCKET", "b"),
                        new String[] {"--admin_port", "0", "--admin_bind", "0.0.0.0"});
        assertThat(flag.adminPort()).isZero();
        assertThat(flag.adminBind()).isEqualTo("0.0.0.0");
    }

    @Test
    void refusesABadAdminPortNamingIt() {
        assertThatThrownBy(
                        () ->
                                ProxyConfig.fromEnvironment(
                                        Map.of("S3_BUCKET", "b", "ADMIN_PORT", "x"), new String[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ADMIN_PORT");
    }
}
