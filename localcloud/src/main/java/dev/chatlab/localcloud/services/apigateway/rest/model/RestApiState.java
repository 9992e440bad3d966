package dev.chatlab.localcloud.services.apigateway.rest.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything about one REST API except its deployments' frozen trees, stored as one JSON
 * document (the control plane changes an API a few times; reading it whole is simplest).
 */
public final class RestApiState {
    public RestApi api;
    /** The region the API was created in (the caller's credential scope), for its ARNs. */
    public String region;
    public Map<String, Resource> resources = new LinkedHashMap<>();
    public Map<String, Deployment> deployments = new LinkedHashMap<>();
    public Map<String, Stage> stages = new LinkedHashMap<>();
}
