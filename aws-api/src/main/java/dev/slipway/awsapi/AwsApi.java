package dev.slipway.awsapi;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * One AWS service's API over plain HTTP: a JSON 1.1 or Query call, signed with the SDK's SigV4
 * signer, retried with the SDK's own retry strategy (throttling codes, 429, 500/502/503/504 and I/O
 * failures, with its backoff), within a call timeout over all attempts. A refusal is the SDK's
 * {@link AwsServiceException} with AWS's error code ({@code __type} of a JSON answer, {@code
 * <Code>} of an XML one) and message; no answer is an {@link SdkClientException}. Neither the
 * request nor the answer is logged or put in a message: SSM answers carry secrets.
 */
public final class AwsApi implements AutoCloseable {

    private final AwsService service;
    private final Region region;
    private final URI endpoint;
    private final AwsCredentialsProvider credentials;
    private final RetryStrategy retries;
    private final Duration callTimeout;
    private final SdkHttpClient http;

    /**
     * @param endpoint the configured endpoint ({@link #configuredEndpoint}), else AWS's
     * @param retries the SDK's strategy, such as {@code AwsRetryStrategy.forRetryMode(mode)}
     * @param callTimeout how long a call may take with all its attempts
     */
    public AwsApi(
            AwsService service,
            Region region,
            Optional<String> endpoint,
            AwsCredentialsProvider credentials,
            RetryStrategy retries,
            Duration callTimeout) {
        this.service = service;
        this.region = region;
        this.endpoint =
                URI.create(
                                endpoint.orElseGet(
                                        () ->
                                                "https://"
                                                        + service.hostPrefix()
                                                        + "."
                                                        + region.id()
                                                        + "."
                                                        + PartitionMetadata.of(region).dnsSuffix()))
                        .resolve("/");
        this.credentials = credentials;
        this.retries = retries;
        this.callTimeout = callTimeout;
        this.http =
                UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30))
                        .build();
    }

    /**
     * The endpoint the SDK's settings give a service: {@code AWS_ENDPOINT_URL_<SUFFIX>} (or the
     * system property {@code aws.endpointUrl<Suffix>}), then {@code AWS_ENDPOINT_URL}, then the
     * profile's {@code endpoint_url}; empty when none is set or {@code
     * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS} is true.
     *
     * @param envSuffix the service's suffix of the variable, such as {@code S3} or {@code ECS}
     */
    public static Optional<String> configuredEndpoint(
            String envSuffix, String profile, Map<String, String> env) {
        if ("true"
                .equalsIgnoreCase(
                        setting(
                                env,
                                "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
                                "aws.ignoreConfiguredEndpointUrls"))) {
            return Optional.empty();
        }
        String property =
                "aws.endpointUrl"
                        + envSuffix.charAt(0)
                        + envSuffix.substring(1).toLowerCase(Locale.ROOT);
        String specific = setting(env, "AWS_ENDPOINT_URL_" + envSuffix, property);
        if (specific != null) {
            return Optional.of(specific);
        }
        String any = setting(env, "AWS_ENDPOINT_URL", "aws.endpointUrl");
        if (any != null) {
            return Optional.of(any);
        }
        try {
            return ProfileFile.defaultProfileFile()
                    .profile(profile)
                    .flatMap(p -> p.property("endpoint_url"));
        } catch (RuntimeException unreadable) {
            // An unreadable ~/.aws/config: the credential chain reports it itself.
            return Optional.empty();
        }
    }

    private static String setting(Map<String, String> env, String envName, String property) {
        String fromProperty = System.getProperty(property);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return fromProperty;
        }
        String fromEnv = env.get(envName);
        return fromEnv == null || fromEnv.isBlank() ? null : fromEnv;
    }

    /**
     * The retries an SDK client of the profile would make: its retry mode ({@code AWS_RETRY_MODE},
     * the profile's {@code retry_mode}, else the SDK's default, legacy: up to 3 retries).
     */
    public static RetryStrategy retriesOf(String profile) {
        return AwsRetryStrategy.forRetryMode(
                RetryMode.resolver()
                        .profileFile(ProfileFile::defaultProfileFile)
                        .profileName(profile)
                        .resolve());
    }

    /** The service this client calls. */
    public AwsService service() {
        return service;
    }

    /** A JSON 1.1 call such as {@code RunTask}; the answer's object (empty when AWS sent none). */
    public JsonObject json(String operation, JsonObject body) {
        byte[] payload = body.toString().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers =
                Map.of(
                        "Content-Type",
                        "application/x-amz-json-1.1",
                        "X-Amz-Target",
                        service.jsonTarget() + "." + operation);
        byte[] answer = call(operation, headers, payload);
        if (answer.length == 0) {
            return new JsonObject();
        }
        try {
            JsonElement parsed = JsonParser.parseString(new String(answer, StandardCharsets.UTF_8));
            return parsed.isJsonObject() ? parsed.getAsJsonObject() : new JsonObject();
        } catch (JsonParseException e) {
            throw SdkClientException.create(
                    service.label()
                            + " answered "
                            + operation
                            + " with something that is not JSON; check the endpoint "
                            + endpoint,
                    e);
        }
    }

    /** A Query call such as {@code DescribeStacks}; the answer's XML. */
    public Document query(String action, Map<String, String> parameters) {
        StringBuilder form =
                new StringBuilder("Action=")
                        .append(action)
                        .append("&Version=")
                        .append(service.queryVersion());
        parameters.forEach(
                (k, v) ->
                        form.append('&')
                                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                                .append('=')
                                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        byte[] answer =
                call(
                        action,
                        Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                        form.toString().getBytes(StandardCharsets.UTF_8));
        return xml(action, answer)
                .orElseThrow(
                        () ->
                                SdkClientException.create(
                                        service.label()
                                                + " answered "
                                                + action
                                                + " with something that is not XML; check the endpoint "
                                                + endpoint));
    }

    private byte[] call(String operation, Map<String, String> headers, byte[] payload) {
        Instant deadline = Instant.now().plus(callTimeout);
        RetryToken token =
                retries.acquireInitialToken(
                                AcquireInitialTokenRequest.create(service.signingName()))
                        .token();
        while (true) {
            RuntimeException failure;
            try {
                byte[] answer = attempt(operation, headers, payload);
                retries.recordSuccess(RecordSuccessRequest.create(token));
                return answer;
            } catch (AwsServiceException | SdkClientException e) {
                failure = e;
            }
            Duration delay;
            try {
                var refreshed =
                        retries.refreshRetryToken(
                                RefreshRetryTokenRequest.builder()
                                        .token(token)
                                        .failure(failure)
                                        .build());
                token = refreshed.token();
                delay = refreshed.delay();
            } catch (TokenAcquisitionFailedException noMoreRetries) {
                throw failure;
            }
            if (Instant.now().plus(delay).isAfter(deadline)) {
                throw failure;
            }
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure;
            }
        }
    }

    private byte[] attempt(String operation, Map<String, String> headers, byte[] payload) {
        SdkHttpRequest.Builder request =
                SdkHttpRequest.builder()
                        .method(SdkHttpMethod.POST)
                        .uri(endpoint)
                        .putHeader("Content-Length", String.valueOf(payload.length));
        headers.forEach(request::putHeader);
        SignedRequest signed =
                AwsV4HttpSigner.create()
                        .sign(
                                r ->
                                        r.identity(credentials.resolveCredentials())
                                                .request(request.build())
                                                .payload(
                                                        ContentStreamProvider.fromByteArray(
                                                                payload))
                                                .putProperty(
                                                        AwsV4HttpSigner.SERVICE_SIGNING_NAME,
                                                        service.signingName())
                                                .putProperty(
                                                        AwsV4HttpSigner.REGION_NAME, region.id()));
        HttpExecuteResponse response;
        byte[] answer;
        try {
            response =
                    http.prepareRequest(
                                    HttpExecuteRequest.builder()
                                            .request(signed.request())
                                            .contentStreamProvider(
                                                    ContentStreamProvider.fromByteArray(payload))
                                            .build())
                            .call();
            try (InputStream in =
                    response.responseBody()
                            .map(InputStream.class::cast)
                            .orElse(InputStream.nullInputStream())) {
                answer = in.readAllBytes();
            }
        } catch (IOException | UncheckedIOException e) {
            throw SdkClientException.create(
                    "Unable to execute HTTP request to "
                            + service.label()
                            + " at "
                            + endpoint
                            + ": "
                            + e.getMessage(),
                    e);
        }
        SdkHttpResponse http = response.httpResponse();
        if (http.isSuccessful()) {
            return answer;
        }
        throw refusal(operation, http, answer);
    }

    /** AWS's error answer as the SDK's exception, with its code and message. */
    private AwsServiceException refusal(String operation, SdkHttpResponse http, byte[] answer) {
        String code = null;
        String message = null;
        if (service.jsonTarget() != null) {
            try {
                JsonElement parsed =
                        JsonParser.parseString(new String(answer, StandardCharsets.UTF_8));
                if (parsed.isJsonObject()) {
                    JsonObject error = parsed.getAsJsonObject();
                    code = string(error, "__type").orElse(null);
                    message =
                            string(error, "message")
                                    .or(() -> string(error, "Message"))
                                    .orElse(null);
                }
            } catch (JsonParseException notJson) {
                // An answer of a proxy or load balancer: the status says enough.
            }
            if (code == null) {
                code = http.firstMatchingHeader("x-amzn-ErrorType").orElse(null);
            }
        } else {
            Optional<Document> xml = xml(operation, answer);
            if (xml.isPresent()) {
                code = text(xml.get(), "Code");
                message = text(xml.get(), "Message");
            }
        }
        code = code == null ? "HTTP" + http.statusCode() : bareCode(code);
        message = message == null ? "HTTP status " + http.statusCode() : message;
        String requestId =
                http.firstMatchingHeader("x-amzn-RequestId")
                        .or(() -> http.firstMatchingHeader("x-amz-request-id"))
                        .orElse(null);
        return AwsServiceException.builder()
                .message(
                        message
                                + " (Service: "
                                + service.label()
                                + ", Status Code: "
                                + http.statusCode()
                                + ", Request ID: "
                                + requestId
                                + ")")
                .statusCode(http.statusCode())
                .requestId(requestId)
                .awsErrorDetails(
                        AwsErrorDetails.builder()
                                .errorCode(code)
                                .errorMessage(message)
                                .serviceName(service.label())
                                .sdkHttpResponse(http)
                                .build())
                .build();
    }

    /**
     * {@code ClusterNotFoundException} from {@code com.amazonaws.ecs#ClusterNotFoundException} or
     * {@code ClusterNotFoundException:http://internal.amazon.com/…}.
     */
    static String bareCode(String code) {
        String bare = code.substring(code.lastIndexOf('#') + 1);
        int colon = bare.indexOf(':');
        return colon < 0 ? bare : bare.substring(0, colon);
    }

    private static Optional<Document> xml(String operation, byte[] answer) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            return Optional.of(
                    factory.newDocumentBuilder().parse(new ByteArrayInputStream(answer)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            return Optional.empty();
        }
    }

    /** The text of the first element named {@code tag}, or null. */
    public static String text(Document xml, String tag) {
        NodeList nodes = xml.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }

    /** A string member of a JSON object, when it is there and not null. */
    public static Optional<String> string(JsonObject object, String member) {
        JsonElement value = object.get(member);
        return value == null || value.isJsonNull()
                ? Optional.empty()
                : Optional.of(value.getAsString());
    }

    @Override
    public void close() {
        http.close();
        retries.close();
    }
}
