package dev.chatlab.localcloud.services.apigateway.websocket.model;

/** What the data plane needs for a connection: the API, its region, the stage and its deployed routes. */
public record DeployedStage(Api api, String region, Stage stage, RouteTable routes) {
}
