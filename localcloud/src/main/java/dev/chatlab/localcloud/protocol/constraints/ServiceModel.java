package dev.chatlab.localcloud.protocol.constraints;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatlab.localcloud.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of one AWS service model that input validation needs: the protocol, the operations
 * localcloud implements with their HTTP binding and input shape, and the constrained shapes. Read
 * from {@code constraints/<model>.json}, which {@code localcloud/tools/service-constraints.py}
 * writes from the model the AWS CLI installs (botocore's service-2.json).
 */
record ServiceModel(String protocol, List<Operation> operations, Map<String, Shape> shapes) {

    /**
     * @param input the input shape's name, or null when nothing in it is constrained
     * @param root  the root element of a REST-XML body ("CreateHostedZoneRequest"), or null
     */
    record Operation(String name, String method, RestUri uri, String input, String root) {
    }

    static ServiceModel load(String name) {
        try (InputStream in = ServiceModel.class.getResourceAsStream("/dev/chatlab/localcloud/protocol/constraints/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("no constraints resource for the model " + name);
            }
            JsonNode json = Json.MAPPER.readTree(in);
            List<Operation> operations = new ArrayList<>();
            json.path("operations").fields().forEachRemaining(op -> operations.add(new Operation(op.getKey(),
                    op.getValue().path("http").path(0).asText(), RestUri.of(op.getValue().path("http").path(1).asText()),
                    op.getValue().hasNonNull("input") ? op.getValue().get("input").asText() : null,
                    op.getValue().hasNonNull("root") ? op.getValue().get("root").asText() : null)));
            Map<String, Shape> shapes = new HashMap<>();
            json.path("shapes").fields().forEachRemaining(shape -> shapes.put(shape.getKey(), Shape.read(shape.getValue())));
            return new ServiceModel(json.path("protocol").asText(), operations, shapes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Operation named(String operation) {
        return operations.stream().filter(op -> op.name().equals(operation)).findFirst().orElse(null);
    }
}
