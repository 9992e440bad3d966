package dev.chatlab.localcloud.services.apigateway.rest.model;

import java.util.Map;

/** What the data plane needs to answer a call on a stage: the API, the stage and the deployed resource tree. */
public record DeployedStage(RestApi api, String region, Stage stage, Map<String, Resource> resources) {
}
