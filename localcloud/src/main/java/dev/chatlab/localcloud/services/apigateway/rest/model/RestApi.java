package dev.chatlab.localcloud.services.apigateway.rest.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** A REST API as GetRestApi answers it (field names are the wire names; createdDate in epoch seconds). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class RestApi {
    public String id;
    public String name;
    public String description;
    public String version;
    public Long createdDate;
    public List<String> binaryMediaTypes;
    public String apiKeySource = "HEADER";
    public EndpointConfiguration endpointConfiguration;
    public String policy;
    public Map<String, String> tags;
    public Boolean disableExecuteApiEndpoint = false;
    public String rootResourceId;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class EndpointConfiguration {
        public List<String> types;
        public List<String> vpcEndpointIds;
    }
}
