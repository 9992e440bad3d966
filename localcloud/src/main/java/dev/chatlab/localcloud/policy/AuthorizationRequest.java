package dev.chatlab.localcloud.policy;

import java.util.List;
import java.util.Map;

/**
 * One request to authorise: who, which action ("s3:GetObject"), on which resource ARN, and
 * the context keys conditions may test ("aws:SourceIp", "aws:SourceArn", "aws:SecureTransport", ...).
 */
public record AuthorizationRequest(Principal principal, String action, String resource,
                                   Map<String, List<String>> context) {

    public AuthorizationRequest {
        context = context == null ? Map.of() : Map.copyOf(context);
    }

    public static AuthorizationRequest of(Principal principal, String action, String resource) {
        return new AuthorizationRequest(principal, action, resource, Map.of());
    }
}
