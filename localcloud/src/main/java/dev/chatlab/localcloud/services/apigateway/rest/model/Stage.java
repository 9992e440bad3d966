package dev.chatlab.localcloud.services.apigateway.rest.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;

/** A stage of a REST API: a name that serves one deployment. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Stage {
    public String deploymentId;
    public String stageName;
    public String description;
    public Boolean cacheClusterEnabled = false;
    public String cacheClusterStatus = "NOT_AVAILABLE";
    public Map<String, Map<String, Object>> methodSettings = new LinkedHashMap<>();
    public Map<String, String> variables;
    public Boolean tracingEnabled = false;
    public Map<String, String> tags;
    public Long createdDate;
    public Long lastUpdatedDate;
}
