package dev.chatlab.localcloud.services.apigateway.websocket.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** A stage of a WebSocket API: the connection URL's last path segment, serving one deployment. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Stage {
    public String stageName;
    public String deploymentId;
    public String description;
    public Boolean autoDeploy;
    public Boolean apiGatewayManaged;
    public String lastDeploymentStatusMessage;
    public Map<String, String> stageVariables;
    public Map<String, Object> defaultRouteSettings;
    public Map<String, Object> routeSettings;
    public Map<String, String> tags;
    public String createdDate;
    public String lastUpdatedDate;
}
