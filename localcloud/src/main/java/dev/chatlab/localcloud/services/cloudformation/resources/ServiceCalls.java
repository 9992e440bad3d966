package dev.chatlab.localcloud.services.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.core.XmlRequests;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.http.AwsResponse;
import dev.chatlab.localcloud.protocol.ServiceHandler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * How a resource provider calls another service: a request in that service's own wire format,
 * answered by its own handler in this JVM, so that a stack's resources pass through the same
 * validation and errors as the SDK's calls do. The request is "signed" for the stack's region
 * and the caller's access key (localcloud reads, not checks, signatures), as CloudFormation acts
 * with the credentials of whoever started the stack operation.
 */
public final class ServiceCalls {

    private final Map<String, ServiceHandler> bySigningName;
    private final String region;
    private final String accessKeyId;

    public ServiceCalls(Map<String, ServiceHandler> bySigningName, String region, String accessKeyId) {
        this.bySigningName = bySigningName;
        this.region = region;
        this.accessKeyId = accessKeyId;
    }

    public String region() {
        return region;
    }

    /** The JSON 1.0/1.1 protocols (DynamoDB, CloudWatch Logs): {@code X-Amz-Target: <target>}. */
    public JsonNode json(String signingName, String serviceId, String target, JsonNode body) {
        AwsResponse response = send(signingName, serviceId, "POST", "/", "", Map.of("x-amz-target", target,
                "content-type", "application/x-amz-json-1.0"), Json.writeBytes(body));
        if (response.status() >= 300) {
            JsonNode error = parseJson(response);
            String type = error.path("__type").asText("");
            throw failure(serviceId, response, type.substring(type.indexOf('#') + 1), message(error));
        }
        return parseJson(response);
    }

    /** rest-json (Lambda, API Gateway): the code travels in X-Amzn-ErrorType. */
    public JsonNode restJson(String signingName, String serviceId, String method, String path, JsonNode body) {
        AwsResponse response = send(signingName, serviceId, method, path, "", Map.of("content-type", "application/json"),
                body == null ? new byte[0] : Json.writeBytes(body));
        if (response.status() >= 300) {
            String type = response.firstHeader("X-Amzn-ErrorType");
            type = type == null ? "" : type.split(":")[0];
            throw failure(serviceId, response, type, message(parseJson(response)));
        }
        return parseJson(response);
    }

    /** The query protocol (IAM): form parameters, an XML answer. */
    public Element query(String signingName, String serviceId, String action, String version, Map<String, String> parameters) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Action", action);
        form.put("Version", version);
        form.putAll(parameters);
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return xmlAnswer(serviceId, send(signingName, serviceId, "POST", "/", "", Map.of("content-type", "application/x-www-form-urlencoded; charset=utf-8"),
                body.getBytes(StandardCharsets.UTF_8)));
    }

    /** rest-xml (S3, Route53): the answer's XML root, or null when the answer has no body. */
    public Element restXml(String signingName, String serviceId, String method, String path, String query, String xmlBody) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", "localhost");
        if (xmlBody != null) {
            headers.put("content-type", "application/xml");
        }
        return xmlAnswer(serviceId, send(signingName, serviceId, method, path, query, headers,
                xmlBody == null ? new byte[0] : xmlBody.getBytes(StandardCharsets.UTF_8)));
    }

    /** rest-xml with a JSON body (S3's PutBucketPolicy). */
    public void restRaw(String signingName, String serviceId, String method, String path, String query, String contentType, String body) {
        xmlAnswer(serviceId, send(signingName, serviceId, method, path, query, Map.of("host", "localhost", "content-type", contentType),
                body.getBytes(StandardCharsets.UTF_8)));
    }

    /** A rest-xml GET whose answer is not XML (S3's GetObject): the body as text. */
    public String restText(String signingName, String serviceId, String path) {
        AwsResponse response = send(signingName, serviceId, "GET", path, "", Map.of("host", "localhost"), new byte[0]);
        if (response.status() >= 300) {
            xmlAnswer(serviceId, response);
        }
        return response.bodyAsString();
    }

    private Element xmlAnswer(String serviceId, AwsResponse response) {
        Element root = null;
        if (response.body().length > 0) {
            try {
                root = XmlRequests.parseRoot(response.body());
            } catch (Exception e) {
                throw new ResourceFailure("localcloud's " + serviceId + " answered what is not XML: " + response.bodyAsString());
            }
        }
        if (response.status() >= 300) {
            Element error = root == null ? null : (Element) first(root, "Error");
            Element holder = error == null ? root : error;
            throw failure(serviceId, response, holder == null ? "" : text(holder, "Code"), holder == null ? "" : text(holder, "Message"));
        }
        return root;
    }

    private AwsResponse send(String signingName, String serviceId, String method, String path, String query, Map<String, String> headers, byte[] body) {
        ServiceHandler handler = bySigningName.get(signingName);
        if (handler == null) {
            throw new IllegalStateException("no service signs as " + signingName);
        }
        Map<String, List<String>> all = new LinkedHashMap<>();
        headers.forEach((name, value) -> all.put(name, List.of(value)));
        String date = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE);
        all.put("authorization", List.of("AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/" + date + "/" + region + "/" + signingName
                + "/aws4_request, SignedHeaders=host, Signature=cloudformation"));
        all.put("user-agent", List.of("cloudformation.amazonaws.com"));
        AwsRequest request = new AwsRequest(method, path, query, all, body, AwsRequest.CLOUDFORMATION_CALLER, UUID.randomUUID().toString());
        try {
            return handler.handle(request);
        } catch (AwsException e) {
            throw ResourceFailure.fromService(serviceId, e.status(), e.code(), e.getMessage(), request.requestId());
        }
    }

    private static ResourceFailure failure(String serviceId, AwsResponse response, String code, String message) {
        String requestId = response.firstHeader("x-amzn-RequestId");
        if (requestId == null) {
            requestId = response.firstHeader("x-amz-request-id");
        }
        return ResourceFailure.fromService(serviceId, response.status(), code, message, requestId);
    }

    private static JsonNode parseJson(AwsResponse response) {
        return Json.parse(response.body(), () -> new AwsException("InternalFailure", 500, "unreadable JSON answer"));
    }

    private static String message(JsonNode error) {
        return error.has("message") ? error.get("message").asText() : error.path("Message").asText("");
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The first element called {@code name} anywhere under {@code parent}, or null. */
    public static Node first(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagNameNS("*", name);
        if (nodes.getLength() == 0) {
            nodes = parent.getElementsByTagName(name);
        }
        return nodes.getLength() == 0 ? null : nodes.item(0);
    }

    /** The text of the first element called {@code name} under {@code parent}, or "". */
    public static String text(Element parent, String name) {
        Node node = first(parent, name);
        return node == null ? "" : node.getTextContent().trim();
    }
}
