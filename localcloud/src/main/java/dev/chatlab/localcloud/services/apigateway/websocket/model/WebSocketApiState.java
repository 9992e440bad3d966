package dev.chatlab.localcloud.services.apigateway.websocket.model;

import java.util.LinkedHashMap;
import java.util.Map;

/** Everything about one WebSocket API but its deployments' frozen routes, stored as one JSON document. */
public final class WebSocketApiState {
    public Api api;
    public String region;
    /** The current (editable) routes, integrations and route responses. */
    public RouteTable draft = new RouteTable();
    public Map<String, Stage> stages = new LinkedHashMap<>();
    public Map<String, Deployment> deployments = new LinkedHashMap<>();
}
