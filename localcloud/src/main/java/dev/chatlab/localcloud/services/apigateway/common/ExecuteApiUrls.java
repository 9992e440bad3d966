package dev.chatlab.localcloud.services.apigateway.common;

/**
 * The URLs localcloud hands out for APIs, all in the path form that resolves everywhere
 * (see {@link ExecuteApiTarget}): e.g. {@code ws://localhost:4566/_aws/execute-api/<apiId>}.
 */
public record ExecuteApiUrls(String publicHost, int port) {

    /** What AWS calls the API's domain name, locally {@code localhost:4566/_aws/execute-api/<apiId>}: "http://" + domainName + "/" + stage is the stage's URL. */
    public String domainName(String apiId) {
        return publicHost + ":" + port + ExecuteApiTarget.PATH_PREFIX + apiId;
    }

    /** GetApi's ApiEndpoint: AWS gives {@code wss://<apiId>.execute-api.<region>.amazonaws.com}. */
    public String webSocketEndpoint(String apiId) {
        return "ws://" + domainName(apiId);
    }

    /** A REST API stage's invoke URL: AWS gives {@code https://<apiId>.execute-api.<region>.amazonaws.com/<stage>}. */
    public String invokeUrl(String apiId, String stage) {
        return "http://" + domainName(apiId) + "/" + stage;
    }
}
