package dev.chatlab.localcloud.services.apigateway.common;

import static dev.chatlab.localcloud.core.Json.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.protocol.AccountAndRegion;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Reading and answering rest-json calls, shared by the v1 and v2 control planes. */
public final class RestJson {

    private RestJson() {
    }

    public static JsonNode body(AwsRequest request) {
        JsonNode body = Json.parse(request.body(), () -> ApiGatewayErrors.badRequest("Could not parse request body into json."));
        if (!body.isObject()) {
            throw ApiGatewayErrors.badRequest("Could not parse request body into json.");
        }
        return body;
    }

    public static <T> T read(AwsRequest request, Class<T> type) {
        try {
            return Json.MAPPER.treeToValue(body(request), type);
        } catch (JsonMappingException e) {
            // Jackson's own message names Java types: say which member was wrong instead.
            String member = e.getPath().stream().map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            throw ApiGatewayErrors.badRequest("Could not parse request body into json: the value of '" + member + "' has the wrong type.");
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw ApiGatewayErrors.badRequest("Could not parse request body into json.");
        }
    }


    public static Map<String, String> stringMap(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        value.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }


    public static String region(AwsRequest request) {
        return AccountAndRegion.regionOf(request);
    }

    public static AwsException unsupported(AwsRequest request) {
        return new AwsException("NotFoundException", 404, "localcloud's API Gateway does not provide " + request.method() + " "
                + request.rawPath() + " (see services/apigateway/README.md for the operations it provides).");
    }
}
