package dev.slipway.desktop.storage;

import dev.slipway.core.storage.ConditionalStore;
import java.io.IOException;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@link ConditionalStore} over S3: {@code If-Match} / {@code If-None-Match: *} on PutObject and
 * {@code If-Match} on DeleteObject; 412 (and 409, a concurrent write) mean "read again".
 */
final class S3ConditionalStore implements ConditionalStore {

    private final S3Client s3;
    private final String bucket;

    S3ConditionalStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public Optional<Versioned> read(String key) throws IOException {
        try {
            ResponseBytes<GetObjectResponse> bytes =
                    s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
            return Optional.of(new Versioned(bytes.asByteArray(), bytes.response().eTag()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new IOException("Cannot read " + key + " (HTTP " + e.statusCode() + ")", e);
        } catch (SdkException e) {
            throw new IOException("Cannot read " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean write(String key, byte[] bytes, String expectedEtag) throws IOException {
        try {
            s3.putObject(
                    b -> {
                        b.bucket(bucket).key(key).contentType("application/json; charset=utf-8");
                        if (expectedEtag == null) {
                            b.ifNoneMatch("*");
                        } else {
                            b.ifMatch(expectedEtag);
                        }
                    },
                    RequestBody.fromBytes(bytes));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                return false;
            }
            throw new IOException("Cannot write " + key + " (HTTP " + e.statusCode() + ")", e);
        } catch (SdkException e) {
            throw new IOException("Cannot write " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean delete(String key, String expectedEtag) throws IOException {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key).ifMatch(expectedEtag));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                return false;
            }
            if (e.statusCode() == 404) {
                return true;
            }
            throw new IOException("Cannot delete " + key + " (HTTP " + e.statusCode() + ")", e);
        } catch (SdkException e) {
            throw new IOException("Cannot delete " + key + ": " + e.getMessage(), e);
        }
    }
}
