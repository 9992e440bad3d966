package dev.chatlab.localcloud.services.apigateway.rest.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** A method of a resource (GET, POST, ..., ANY) with its integration and method responses. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Method {
    public String httpMethod;
    public String authorizationType;
    public String authorizerId;
    public Boolean apiKeyRequired = false;
    public String operationName;
    public Map<String, Boolean> requestParameters;
    public Map<String, String> requestModels;
    public Map<String, MethodResponse> methodResponses;
    public Integration methodIntegration;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class MethodResponse {
        public String statusCode;
        public Map<String, Boolean> responseParameters;
        public Map<String, String> responseModels;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Integration {
        public String type;
        public String httpMethod;
        public String uri;
        public String connectionType = "INTERNET";
        public String credentials;
        public Map<String, String> requestParameters;
        public Map<String, String> requestTemplates;
        public String passthroughBehavior;
        public String contentHandling;
        public Integer timeoutInMillis;
        public String cacheNamespace;
        public List<String> cacheKeyParameters;
        public Map<String, IntegrationResponse> integrationResponses;

        /** The integration responses, none when there are none (read only: a deployed tree is shared). */
        public Map<String, IntegrationResponse> responses() {
            return integrationResponses == null ? Map.of() : integrationResponses;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class IntegrationResponse {
        public String statusCode;
        public String selectionPattern;
        public Map<String, String> responseParameters;
        public Map<String, String> responseTemplates;
        public String contentHandling;
    }
}
