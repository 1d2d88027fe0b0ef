package dev.slipway.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

class S3ServerExtensionIT {

    @RegisterExtension static final S3ServerExtension s3 = new S3ServerExtension();

    @Test
    void putsAndGetsThroughTheAwsSdk() {
        s3.client()
                .putObject(
                        b -> b.bucket(s3.bucket()).key("blobs/abc").contentType("text/plain"),
                        RequestBody.fromString("hello"));
        String body =
                s3.client()
                        .getObjectAsBytes(b -> b.bucket(s3.bucket()).key("blobs/abc"))
                        .asString(StandardCharsets.UTF_8);
        assertThat(body).isEqualTo("hello");
        assertThat(
                        s3.client()
                                .listObjectsV2(b -> b.bucket(s3.bucket()).prefix("blobs/"))
                                .contents())
                .extracting(o -> o.key())
                .containsExactly("blobs/abc");
        assertThat(s3.endpoint().getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void stopsAndComesBackWithItsObjects() throws Exception {
        s3.client().putObject(b -> b.bucket(s3.bucket()).key("k"), RequestBody.fromString("kept"));
        s3.stop();
        try (S3Client fresh = s3.newClient()) {
            assertThatThrownBy(() -> fresh.headBucket(b -> b.bucket(s3.bucket())))
                    .isInstanceOf(SdkClientException.class);
        } finally {
            s3.start();
        }
        try (S3Client fresh = s3.newClient()) {
            assertThat(fresh.getObjectAsBytes(b -> b.bucket(s3.bucket()).key("k")).asUtf8String())
                    .isEqualTo("kept");
        }
    }
}
