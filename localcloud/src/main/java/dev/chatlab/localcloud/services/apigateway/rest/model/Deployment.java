package dev.chatlab.localcloud.services.apigateway.rest.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A deployment as the control plane shows it; its frozen resource tree is stored beside it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Deployment {
    public String id;
    public String description;
    public Long createdDate;
}
