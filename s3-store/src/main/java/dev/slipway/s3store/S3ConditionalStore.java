package dev.slipway.s3store;

import dev.slipway.core.storage.ConditionalStore;
import java.io.IOException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Conditional reads and writes on the bucket: {@code If-Match} with the ETag read, {@code
 * If-None-Match: *} to create. A 412 (or S3's 409 for a concurrent conditional write) is a lost
 * race, answered with false; any other failure is an {@link IOException} naming the key.
 */
public final class S3ConditionalStore implements ConditionalStore {

    private static final String JSON = "application/json; charset=utf-8";

    private final S3Client s3;
    private final String bucket;

    public S3ConditionalStore(S3Client s3, String bucket) {
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
            throw failure("read", key, e);
        } catch (SdkException e) {
            throw failure("read", key, e);
        }
    }

    @Override
    public boolean write(String key, byte[] bytes, @Nullable String expectedEtag)
            throws IOException {
        try {
            s3.putObject(
                    b -> {
                        b.bucket(bucket).key(key).contentType(JSON);
                        if (expectedEtag == null) {
                            b.ifNoneMatch("*");
                        } else {
                            b.ifMatch(expectedEtag);
                        }
                    },
                    RequestBody.fromBytes(bytes));
            return true;
        } catch (S3Exception e) {
            if (lostRace(e)) {
                return e.numAttempts() > 1 && holds(key, bytes);
            }
            throw failure("write", key, e);
        } catch (SdkClientException e) {
            // The answer was lost (a server may answer 412 before reading the body, and the client
            // then fails writing it): the object itself says whether this write happened; a read
            // that fails too is the storage being down.
            return holds(key, bytes);
        } catch (SdkException e) {
            throw failure("write", key, e);
        }
    }

    @Override
    public boolean delete(String key, String expectedEtag) throws IOException {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key).ifMatch(expectedEtag));
            return true;
        } catch (S3Exception e) {
            if (lostRace(e)) {
                return false;
            }
            if (e.statusCode() == 404) {
                return true;
            }
            throw failure("delete", key, e);
        } catch (SdkException e) {
            throw failure("delete", key, e);
        }
    }

    /**
     * Whether the object holds exactly {@code bytes}: after a retried write answered 412, the first
     * attempt may have been written before its connection failed, and the retry then saw its own
     * write. Records carry their deployment id and time, so equal bytes mean our write.
     */
    private boolean holds(String key, byte[] bytes) throws IOException {
        return read(key).map(v -> java.util.Arrays.equals(v.bytes(), bytes)).orElse(false);
    }

    private static boolean lostRace(S3Exception e) {
        return e.statusCode() == 412 || e.statusCode() == 409;
    }

    private IOException failure(String verb, String key, SdkException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int cut = reason.indexOf(" (Service:");
        if (cut > 0) {
            reason = reason.substring(0, cut);
        }
        return new IOException("Cannot " + verb + " s3://" + bucket + "/" + key + ": " + reason, e);
    }
}
