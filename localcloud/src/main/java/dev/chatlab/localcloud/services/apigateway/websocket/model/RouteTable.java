package dev.chatlab.localcloud.services.apigateway.websocket.model;

import java.util.LinkedHashMap;
import java.util.Map;

/** Routes by id, their integrations and route responses: the editable draft of an API, or what a deployment froze. */
public final class RouteTable {
    public Map<String, Route> routes = new LinkedHashMap<>();
    public Map<String, Integration> integrations = new LinkedHashMap<>();
    public Map<String, Map<String, RouteResponse>> routeResponses = new LinkedHashMap<>();

    /** The route with this key, or null. */
    public Route route(String routeKey) {
        return routes.values().stream().filter(r -> r.routeKey.equals(routeKey)).findFirst().orElse(null);
    }

    public boolean hasRouteResponse(Route route) {
        Map<String, RouteResponse> responses = routeResponses.get(route.routeId);
        return responses != null && !responses.isEmpty();
    }
}
