package dev.slipway.desktop.doctor;

import dev.slipway.desktop.SlipwayException;
import dev.slipway.desktop.backend.AwsClients;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * EC2 DescribeSubnets, the one EC2 call Slipway makes ({@code doctor}), as a signed Query request
 * of its own: the EC2 SDK would add 26 MB to {@code slipway.jar} for it. The endpoint is the SDK's
 * ({@code AWS_ENDPOINT_URL_EC2}, {@code AWS_ENDPOINT_URL}, a profile's {@code endpoint_url}), else
 * {@code https://ec2.<region>.amazonaws.com}; credentials are the profile's.
 */
final class SubnetLookup {

    private static final String VERSION = "2016-11-15";

    private final AwsClients clients;

    SubnetLookup(AwsClients clients) {
        this.clients = clients;
    }

    /** A subnet EC2 refused to describe: the code and message of EC2's error. */
    static final class Refused extends Exception {
        final String code;

        Refused(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    /** The ids of the given subnets that exist (EC2 refuses the call when one does not). */
    List<String> existing(List<String> subnetIds) throws Refused, IOException {
        StringBuilder body = new StringBuilder("Action=DescribeSubnets&Version=").append(VERSION);
        for (int i = 0; i < subnetIds.size(); i++) {
            body.append("&SubnetId.")
                    .append(i + 1)
                    .append('=')
                    .append(URLEncoder.encode(subnetIds.get(i), StandardCharsets.UTF_8));
        }
        byte[] payload = body.toString().getBytes(StandardCharsets.UTF_8);
        URI endpoint =
                URI.create(
                        clients.endpoint("EC2")
                                .orElse("https://ec2." + clients.region().id() + ".amazonaws.com"));
        SdkHttpRequest request =
                SdkHttpRequest.builder()
                        .method(SdkHttpMethod.POST)
                        .uri(endpoint.resolve("/"))
                        .putHeader(
                                "Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                        .putHeader("Content-Length", String.valueOf(payload.length))
                        .build();
        SignedRequest signed =
                AwsV4HttpSigner.create()
                        .sign(
                                r ->
                                        r.identity(clients.credentials().resolveCredentials())
                                                .request(request)
                                                .payload(
                                                        ContentStreamProvider.fromByteArray(
                                                                payload))
                                                .putProperty(
                                                        AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ec2")
                                                .putProperty(
                                                        AwsV4HttpSigner.REGION_NAME,
                                                        clients.region().id()));
        try (SdkHttpClient http =
                UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30))
                        .build()) {
            HttpExecuteResponse response =
                    http.prepareRequest(
                                    HttpExecuteRequest.builder()
                                            .request(signed.request())
                                            .contentStreamProvider(
                                                    ContentStreamProvider.fromByteArray(payload))
                                            .build())
                            .call();
            byte[] answer;
            try (InputStream in =
                    response.responseBody()
                            .map(InputStream.class::cast)
                            .orElse(InputStream.nullInputStream())) {
                answer = in.readAllBytes();
            }
            Document xml = parse(answer);
            if (!response.httpResponse().isSuccessful()) {
                throw new Refused(
                        text(xml, "Code", "HTTP " + response.httpResponse().statusCode()),
                        text(xml, "Message", "no message"));
            }
            List<String> ids = new ArrayList<>();
            NodeList nodes = xml.getElementsByTagName("subnetId");
            for (int i = 0; i < nodes.getLength(); i++) {
                ids.add(nodes.item(i).getTextContent().trim());
            }
            return ids;
        }
    }

    private static Document parse(byte[] xml) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | SAXException e) {
            throw SlipwayException.infrastructure(
                    "EC2 answered DescribeSubnets with something that is not XML; check the EC2 endpoint of the profile.",
                    e);
        }
    }

    private static String text(Document xml, String tag, String otherwise) {
        NodeList nodes = xml.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? otherwise : nodes.item(0).getTextContent().trim();
    }
}
