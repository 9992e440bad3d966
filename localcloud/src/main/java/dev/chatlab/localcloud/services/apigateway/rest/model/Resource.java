package dev.chatlab.localcloud.services.apigateway.rest.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;

/** One path part of a REST API's tree ("/", "rooms", "{roomId}", "{proxy+}") and its methods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Resource {
    public String id;
    public String parentId;
    public String pathPart;
    public String path;
    public Map<String, Method> resourceMethods = new LinkedHashMap<>();

    public boolean isGreedy() {
        return pathPart != null && pathPart.startsWith("{") && pathPart.endsWith("+}");
    }

    public boolean isVariable() {
        return pathPart != null && pathPart.startsWith("{") && pathPart.endsWith("}");
    }

    /** The variable's name: "roomId" for "{roomId}", "proxy" for "{proxy+}". */
    public String variableName() {
        return pathPart.substring(1, pathPart.length() - (isGreedy() ? 2 : 1));
    }
}
