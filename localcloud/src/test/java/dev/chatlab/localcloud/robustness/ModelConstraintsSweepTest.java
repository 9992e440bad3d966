package dev.chatlab.localcloud.robustness;

import static dev.chatlab.localcloud.robustness.MalformedInputCorpusTest.JAVA_LEAK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.testing.RawRequests;
import dev.chatlab.localcloud.testing.TestCloud;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus made from the service models themselves: for every operation localcloud implements
 * (the constraints resources InputValidator reads), every top-level member with a constraint is
 * sent once too long, once too short, once out of range, once of the wrong type, and once with
 * control characters. Each breach of the model must be refused with the service's own
 * validation error in its own shape; control characters may pass where the model allows them,
 * but never with a 5xx or a Java class name.
 */
class ModelConstraintsSweepTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestCloud cloud;

    /** A model, the error its service refuses broken constraints with, and that error's shape. */
    private record Service(String model, String service, String validationCode, ErrorShape shape, String target, String version) {
    }

    private static final List<Service> SERVICES = List.of(
            new Service("lambda", "lambda", "ValidationException", ErrorShape.REST_JSON, null, null),
            new Service("apigateway", "apigateway", "BadRequestException", ErrorShape.REST_JSON, null, null),
            new Service("apigatewayv2", "apigateway", "BadRequestException", ErrorShape.REST_JSON, null, null),
            new Service("iam", "iam", "ValidationError", ErrorShape.ERROR_RESPONSE_XML, null, "2010-05-08"),
            new Service("sts", "sts", "ValidationError", ErrorShape.ERROR_RESPONSE_XML, null, "2011-06-15"),
            new Service("cloudformation", "cloudformation", "ValidationError", ErrorShape.ERROR_RESPONSE_XML, null, "2010-05-15"),
            new Service("route53", "route53", "InvalidInput", ErrorShape.ERROR_RESPONSE_XML, null, null),
            new Service("logs", "logs", "InvalidParameterException", ErrorShape.AWS_JSON, "Logs_20140328.", null));

    @BeforeAll
    static void start() {
        cloud = TestCloud.start();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    static Stream<Arguments> breaches() {
        List<Arguments> cases = new ArrayList<>();
        for (Service service : SERVICES) {
            JsonNode model = load(service.model());
            model.path("operations").fields().forEachRemaining(operation -> {
                JsonNode input = model.path("shapes").path(operation.getValue().path("input").asText());
                input.path("members").fields().forEachRemaining(member -> {
                    JsonNode shape = model.path("shapes").path(member.getValue().path("shape").asText());
                    for (Breach breach : Breach.of(shape)) {
                        String request = request(service, model, operation.getKey(), operation.getValue(), member.getKey(), breach.value());
                        if (request != null) {
                            cases.add(Arguments.of(service.model() + " " + operation.getKey() + " " + member.getKey() + ": " + breach.what(),
                                    breach.refused() ? service.validationCode() : null, request, service.shape()));
                        }
                    }
                });
            });
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breaches")
    void memberBreakingTheModel_isRefusedWithTheServicesValidationError(String what, String expectedCode, String request, ErrorShape shape) {
        RawAnswer answer = RawAnswer.of(cloud.raw(request.getBytes(StandardCharsets.UTF_8)));
        assertTrue(answer.status() < 500, what + ": a 5xx:\n" + clip(answer.whole()));
        assertFalse(JAVA_LEAK.matcher(answer.whole()).find(), what + ": the answer names Java internals:\n" + clip(answer.whole()));
        if (expectedCode == null && answer.status() < 400) {
            return; // control characters the model allows
        }
        Optional<String> code = shape.code(answer);
        assertTrue(answer.status() >= 400 && code.isPresent(), what + ": expected an error in the " + shape + " shape, got\n" + clip(answer.whole()));
        if (expectedCode != null) {
            assertEquals(expectedCode, code.get(), what + ":\n" + clip(answer.whole()));
        }
    }

    /** One way to break a member: its value, and whether the model forbids it (else it may pass). */
    private record Breach(String what, Object value, boolean refused) {

        static List<Breach> of(JsonNode shape) {
            List<Breach> breaches = new ArrayList<>();
            switch (shape.path("type").asText()) {
                case "string" -> {
                    if (shape.has("max") && shape.get("max").asLong() < 200_000) {
                        breaches.add(new Breach("one character over its maximum", "a".repeat(shape.get("max").asInt() + 1), true));
                    }
                    if (shape.path("min").asLong() > 0) {
                        breaches.add(new Breach("one character under its minimum", "a".repeat(shape.get("min").asInt() - 1), true));
                    }
                    breaches.add(new Breach("an object for a string", Map.of(), true));
                    breaches.add(new Breach("control characters", "a\u0001\u0000\u001fb", false));
                }
                case "integer", "long" -> {
                    if (shape.has("max")) {
                        breaches.add(new Breach("one over its maximum", shape.get("max").asLong() + 1, true));
                    }
                    if (shape.has("min")) {
                        breaches.add(new Breach("one under its minimum", shape.get("min").asLong() - 1, true));
                    }
                    breaches.add(new Breach("not a whole number", "1.5", true));
                }
                default -> {
                }
            }
            return breaches;
        }
    }

    /** The request that sends {@code value} as {@code member} of {@code operation}, or null when it cannot travel that way. */
    private static String request(Service service, JsonNode model, String operation, JsonNode binding, String member, Object value) {
        JsonNode input = model.path("shapes").path(binding.path("input").asText());
        JsonNode ref = input.path("members").path(member);
        String location = ref.path("location").asText("");
        String wireName = ref.path("locationName").asText(member);
        boolean scalar = !(value instanceof Map);
        return switch (model.path("protocol").asText()) {
            case "query" -> scalar ? RawRequests.query(service.service(), "Action=" + operation + "&Version=" + service.version()
                    + "&" + member + "=" + encode(value.toString())) : null;
            case "json" -> RawRequests.awsJson(service.service(), service.target(), "application/x-amz-json-1.1", operation,
                    json(member, value));
            default -> rest(service, model, binding, input, member, location, wireName, value, scalar);
        };
    }

    private static String rest(Service service, JsonNode model, JsonNode binding, JsonNode input, String member, String location,
                               String wireName, Object value, boolean scalar) {
        String method = binding.path("http").path(0).asText();
        String uri = binding.path("http").path(1).asText();
        String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        StringBuilder filled = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            if (segment.startsWith("{")) {
                String label = segment.replaceAll("[{}+]", "");
                boolean mutated = location.equals("uri") && wireName.equals(label);
                if (mutated && (!scalar || value.toString().isEmpty() || value.toString().length() > 4000
                        || value.toString().chars().anyMatch(c -> c < 0x20))) {
                    // An empty or huge label changes which path it is, not the label's value; Jetty refuses
                    // a control character in the path before it reads the headers that name the service.
                    return null;
                }
                filled.append(encode(mutated ? value.toString() : labelValue(model, input, label)).replace("+", "%20"));
            } else {
                filled.append(segment);
            }
            filled.append('/');
        }
        String target = filled.substring(0, filled.length() - 1);
        if (location.equals("querystring")) {
            if (!scalar || value.toString().length() > 4000) {
                return null;
            }
            target += (target.contains("?") ? "&" : "?") + wireName + "=" + encode(value.toString());
        }
        if (location.equals("header")) {
            if (!scalar || value.toString().length() > 4000 || value.toString().chars().anyMatch(c -> c < 0x20)) {
                return null; // Jetty refuses such a header before any service sees it
            }
        }
        boolean xml = model.path("protocol").asText().equals("rest-xml");
        String root = binding.path("root").asText("Request");
        String body = location.isEmpty() ? (xml ? xml(root, wireName, value) : json(wireName, value))
                : method.equals("GET") || method.equals("DELETE") ? null : xml ? "<" + root + "/>" : "{}";
        if (location.isEmpty() && !scalar && xml) {
            return null;
        }
        String request = RawRequests.signed(method, target, service.service(), xml ? "application/xml" : "application/json", body);
        return location.equals("header") ? RawRequests.withHeader(request, wireName, value.toString()) : request;
    }

    /** A path label's value that its own constraints take (the shortest the model allows, of letters). */
    private static String labelValue(JsonNode model, JsonNode input, String label) {
        Iterator<Map.Entry<String, JsonNode>> members = input.path("members").fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            if (label.equals(member.getValue().path("locationName").asText())) {
                JsonNode shape = model.path("shapes").path(member.getValue().path("shape").asText());
                return "x".repeat((int) Math.max(1, shape.path("min").asLong(1)));
            }
        }
        return "x";
    }

    private static String json(String member, Object value) {
        ObjectNode body = JSON.createObjectNode();
        if (value instanceof Map) {
            body.putObject(member);
        } else if (value instanceof Long number) {
            body.put(member, number);
        } else if (value.equals("1.5")) {
            body.put(member, 1.5);
        } else {
            body.put(member, value.toString());
        }
        return body.toString();
    }

    private static String xml(String root, String member, Object value) {
        String text = value.toString().replace("&", "&amp;").replace("<", "&lt;").replaceAll("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]", "&#1;");
        return "<" + root + "><" + member + ">" + text + "</" + member + "></" + root + ">";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static JsonNode load(String model) {
        try (InputStream in = ModelConstraintsSweepTest.class.getResourceAsStream("/dev/chatlab/localcloud/protocol/constraints/" + model + ".json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String clip(String answer) {
        return answer.length() > 1500 ? answer.substring(0, 1500) + "..." : answer;
    }
}
