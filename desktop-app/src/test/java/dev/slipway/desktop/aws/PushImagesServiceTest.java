package dev.slipway.desktop.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.core.build.ExitStatus;
import dev.slipway.desktop.SlipwayException;
import org.junit.jupiter.api.Test;

class PushImagesServiceTest {

    @Test
    void proxyImageIsTheBuildersSiblingRepositoryWithTheSameTag() {
        assertThat(
                        PushImagesService.proxyImage(
                                "123456789012.dkr.ecr.eu-west-1.amazonaws.com/slipway-builder:latest"))
                .isEqualTo("123456789012.dkr.ecr.eu-west-1.amazonaws.com/slipway-proxy:latest");
        assertThat(PushImagesService.proxyImage("localhost:5000/site-builder"))
                .isEqualTo("localhost:5000/site-proxy:latest");
    }

    @Test
    void refusesABuilderImageOutsideTheStacksRepositories() {
        assertThatThrownBy(() -> PushImagesService.proxyImage("docker.io/library/node:22"))
                .isInstanceOf(SlipwayException.class)
                .extracting(e -> ((SlipwayException) e).kind())
                .isEqualTo(ExitStatus.BAD_INPUT);
    }
}
