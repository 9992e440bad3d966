package dev.chatlab.localcloud.services.cloudformation.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.core.Json;

/** A resource as it exists: its physical id (what {@code Ref} answers) and its {@code Fn::GetAtt} attributes. */
public record Provisioned(String physicalId, ObjectNode attributes) {

    public static Provisioned of(String physicalId) {
        return new Provisioned(physicalId, Json.object());
    }

    public Provisioned with(String attribute, String value) {
        ObjectNode copy = attributes.deepCopy();
        copy.put(attribute, value);
        return new Provisioned(physicalId, copy);
    }

    public String attribute(String name) {
        return attributes.path(name).asText(null);
    }
}
