package dev.chatlab.localcloud.services.cloudformation.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.chatlab.localcloud.services.cloudformation.resources.ResourceProvider;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** How two versions of a resource's properties differ, and whether the difference replaces it. */
final class Changes {

    private Changes() {
    }

    /** The top-level properties whose value differs, in order. */
    static List<String> changed(JsonNode before, JsonNode after) {
        Set<String> names = new LinkedHashSet<>();
        before.fieldNames().forEachRemaining(names::add);
        after.fieldNames().forEachRemaining(names::add);
        List<String> changed = new ArrayList<>();
        for (String name : names) {
            if (!Objects.equals(before.path(name), after.path(name))) {
                changed.add(name);
            }
        }
        return changed;
    }

    /** The changed properties that make the provider replace the resource. */
    static List<String> replacing(ResourceProvider provider, JsonNode before, JsonNode after) {
        return changed(before, after).stream().filter(provider::replaces).toList();
    }

    /**
     * The name of a resource that must be replaced but keeps its custom name (BucketName, TableName,
     * ...): AWS refuses that, since the new copy cannot be made beside the old one. Null otherwise.
     */
    static String customName(ResourceProvider provider, JsonNode before, JsonNode after) {
        for (String property : provider.replacedOn()) {
            JsonNode name = after.path(property);
            if (property.endsWith("Name") && !name.isMissingNode() && !(name instanceof MissingNode) && name.equals(before.path(property))) {
                return name.asText();
            }
        }
        return null;
    }
}
