package dev.chatlab.localcloud.services.apigateway.websocket.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A route response: with one, the integration's answer goes back to the client (two-way route). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class RouteResponse {
    public String routeResponseId;
    public String routeResponseKey;
    public String modelSelectionExpression;
}
