package dev.chatlab.localcloud.services.cloudformation.resources;

import java.util.UUID;

/**
 * A resource that could not be created, updated or deleted. Its message is the event's
 * ResourceStatusReason, worded as CloudFormation's resource handlers word a service's error:
 * {@code Resource handler returned message: "<the service's message> (Service: DynamoDb,
 * Status Code: 400, Request ID: ...)" (RequestToken: ..., HandlerErrorCode: InvalidRequest)}.
 */
public final class ResourceFailure extends RuntimeException {

    private final boolean notFound;

    public ResourceFailure(String reason) {
        this(reason, false);
    }

    private ResourceFailure(String reason, boolean notFound) {
        super(reason);
        this.notFound = notFound;
    }

    /** True when the service says the resource does not exist: a delete has nothing left to do. */
    public boolean notFound() {
        return notFound;
    }

    /** A service's error answer, as the event reports it. */
    public static ResourceFailure fromService(String serviceId, int status, String code, String message, String requestId) {
        String handlerCode = handlerErrorCode(status, code);
        return new ResourceFailure("Resource handler returned message: \"" + message + " (Service: " + serviceId + ", Status Code: " + status
                + ", Request ID: " + requestId + ")\" (RequestToken: " + UUID.randomUUID() + ", HandlerErrorCode: " + handlerCode + ")",
                handlerCode.equals("NotFound"));
    }

    /** A property the resource type needs or cannot take, found before any service is called. */
    public static ResourceFailure invalidProperty(String message) {
        return new ResourceFailure("Properties validation failed for resource with message: " + message);
    }

    private static String handlerErrorCode(int status, String code) {
        if (code.contains("AlreadyExists") || code.contains("InUse") || code.contains("Conflict") || code.equals("BucketAlreadyOwnedByYou")) {
            return "AlreadyExists";
        }
        if (status == 404 || code.contains("NotFound") || code.startsWith("NoSuch")) {
            return "NotFound";
        }
        if (status == 403) {
            return "AccessDenied";
        }
        if (code.contains("Limit") || code.contains("Throttl") || code.equals("TooManyRequestsException")) {
            return "Throttling";
        }
        return status < 500 ? "InvalidRequest" : "GeneralServiceException";
    }
}
