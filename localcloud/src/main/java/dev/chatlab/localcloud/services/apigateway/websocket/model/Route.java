package dev.chatlab.localcloud.services.apigateway.websocket.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A route: a route key ("$connect", "sendMessage", ...) and its target "integrations/<id>". */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Route {
    public String routeId;
    public String routeKey;
    public String target;
    public String authorizationType;
    public String authorizerId;
    public Boolean apiKeyRequired;
    public String operationName;
    public String routeResponseSelectionExpression;
    public String modelSelectionExpression;
    public Boolean apiGatewayManaged;

    /** The integration id of a target "integrations/abc1234", or null. */
    public String integrationId() {
        return target != null && target.startsWith("integrations/") ? target.substring("integrations/".length()) : null;
    }
}
