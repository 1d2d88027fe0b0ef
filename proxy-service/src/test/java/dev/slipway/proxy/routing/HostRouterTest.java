package dev.slipway.proxy.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostRouterTest {

    final HostRouter router = new HostRouter("sites.example.com");

    @ParameterizedTest
    @CsvSource({
        "demo.sites.example.com,demo",
        "DEMO.Sites.Example.com:8000,demo",
        "demo.sites.example.com.,demo",
        "a-1.sites.example.com:80,a-1"
    })
    void picksTheProject(String host, String slug) {
        assertThat(router.projectOf(host))
                .hasValueSatisfying(s -> assertThat(s.value()).isEqualTo(slug));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "sites.example.com",
                "a.b.sites.example.com",
                "demo.example.com",
                "www.sites.example.com",
                "-x.sites.example.com",
                "demo.sites.example.com:",
                "demo.sites.example.com:x",
                "demo.sites.example.com:123456",
                "[::1]:8000",
                "127.0.0.1",
                "de mo.sites.example.com",
                "dëmo.sites.example.com",
                "demo.sites.example.comx"
            })
    void namesNoProjectForAnyOtherHost(String host) {
        assertThat(router.projectOf(host)).isEmpty();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @CsvSource({
        "demo--7k2m9qwert.sites.example.com,demo,7k2m9qwert",
        "DEMO--7K2M9QWERT.Sites.Example.com:443,demo,7k2m9qwert",
        "a-b--0123456789.sites.example.com.,a-b,0123456789"
    })
    void picksADeployment(String host, String slug, String id10) {
        assertThat(router.route(host))
                .isEqualTo(
                        new SiteAddress.Deployment(
                                new dev.slipway.core.deployment.DeploymentHost(
                                        dev.slipway.core.project.Slug.of(slug), id10)));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @CsvSource({"www.example.org,www.example.org", "Docs.Example.ORG:8080,docs.example.org"})
    void treatsOtherWellFormedHostsAsCustomDomains(String host, String domain) {
        assertThat(router.route(host)).isEqualTo(new SiteAddress.Domain(domain));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "localhost",
                "[::1]",
                "demo--short.sites.example.com",
                "a.b.sites.example.com",
                "sites.example.com",
                "ex ample.org"
            })
    void namesNoSiteForHostsThatCannotBeOne(String host) {
        assertThat(router.route(host)).isEqualTo(SiteAddress.NONE);
    }
}
