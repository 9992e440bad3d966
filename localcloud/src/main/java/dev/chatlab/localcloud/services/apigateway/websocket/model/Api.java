package dev.chatlab.localcloud.services.apigateway.websocket.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** A WebSocket API as GetApi answers it (wire names; dates in ISO 8601). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Api {
    public String apiId;
    public String name;
    public String description;
    public String protocolType;
    public String routeSelectionExpression;
    public String apiKeySelectionExpression;
    public String apiEndpoint;
    public Boolean disableSchemaValidation;
    public Boolean disableExecuteApiEndpoint;
    public Boolean apiGatewayManaged;
    public String version;
    public String createdDate;
    public Map<String, String> tags;
}
