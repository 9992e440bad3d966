package dev.chatlab.localcloud.services.apigateway.websocket.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** Where a route sends its messages: for the lab, AWS_PROXY to a Lambda function's invocation URI. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Integration {
    public String integrationId;
    public String integrationType;
    public String integrationUri;
    public String integrationMethod;
    public String connectionType;
    public String contentHandlingStrategy;
    public String credentialsArn;
    public String description;
    public String passthroughBehavior;
    public String payloadFormatVersion;
    public Map<String, String> requestParameters;
    public Map<String, String> requestTemplates;
    public String templateSelectionExpression;
    public Integer timeoutInMillis;
    public Boolean apiGatewayManaged;
}
