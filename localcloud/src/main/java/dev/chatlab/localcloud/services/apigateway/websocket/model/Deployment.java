package dev.chatlab.localcloud.services.apigateway.websocket.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A deployment as the control plane shows it; its frozen routes are stored beside it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Deployment {
    public String deploymentId;
    public String deploymentStatus;
    public String description;
    public Boolean autoDeployed;
    public String createdDate;
}
