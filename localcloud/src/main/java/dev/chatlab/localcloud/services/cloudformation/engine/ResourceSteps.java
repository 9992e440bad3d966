package dev.chatlab.localcloud.services.cloudformation.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.services.cloudformation.model.StackResource;
import dev.chatlab.localcloud.services.cloudformation.resources.Provisioned;
import dev.chatlab.localcloud.services.cloudformation.resources.ResourceFailure;
import dev.chatlab.localcloud.services.cloudformation.resources.ResourceProvider;
import dev.chatlab.localcloud.services.cloudformation.resources.ResourceProviders;
import dev.chatlab.localcloud.services.cloudformation.resources.ResourceRequest;
import dev.chatlab.localcloud.services.cloudformation.resources.ServiceCalls;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, changes and deletes one resource of a stack through its provider, with the events
 * CloudFormation writes for each step; a failure is written as the resource's *_FAILED event
 * and thrown on as a {@link ResourceFailure}.
 */
final class ResourceSteps {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceSteps.class);

    private final StackJournal journal;
    private final ResourceProviders providers;
    private final ServiceCalls calls;
    private final String accountId;
    private final String stackName;
    private final String stackId;
    private final Map<String, String> stackTags;

    ResourceSteps(StackJournal journal, ResourceProviders providers, ServiceCalls calls, String accountId, String stackName, String stackId,
                  Map<String, String> stackTags) {
        this.journal = journal;
        this.providers = providers;
        this.calls = calls;
        this.accountId = accountId;
        this.stackName = stackName;
        this.stackId = stackId;
        this.stackTags = stackTags;
    }

    /** A new resource (or the new copy of a replaced one: {@code phase} "UPDATE"). */
    StackResource create(String logicalId, JsonNode definition, StackContext context, String phase, String firstReason) {
        String type = definition.path("Type").asText();
        StackResource pending = new StackResource(logicalId, type, null, null, null, null, null, null, definition.path("DeletionPolicy").asText(null));
        JsonNode properties;
        try {
            properties = context.resolve(definition.path("Properties"));
        } catch (AwsException e) {
            throw fail(pending, phase, e.getMessage());
        }
        pending = new StackResource(logicalId, type, null, null, null, null, properties, null, pending.deletionPolicy());
        journal.resource(pending, phase + "_IN_PROGRESS", firstReason);
        Provisioned made;
        try {
            made = provider(type).create(request(logicalId, properties));
        } catch (ResourceFailure e) {
            throw fail(pending, phase, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("creating {} ({}) failed inside localcloud", logicalId, type, e);
            throw fail(pending, phase, "Internal Failure");
        }
        StackResource created = new StackResource(logicalId, type, made.physicalId(), null, null, null, properties, made.attributes(), pending.deletionPolicy());
        journal.resource(created, phase + "_IN_PROGRESS", "Resource creation Initiated");
        return journal.resource(created, phase + "_COMPLETE", null);
    }

    /** Changes the resource in place to {@code properties}. */
    StackResource update(StackResource current, JsonNode properties) {
        StackResource changing = new StackResource(current.logicalResourceId(), current.resourceType(), current.physicalResourceId(), null, null,
                null, properties, current.attributes(), current.deletionPolicy());
        journal.resource(changing, "UPDATE_IN_PROGRESS", null);
        Provisioned now;
        try {
            now = provider(current.resourceType()).update(request(current.logicalResourceId(), properties),
                    new Provisioned(current.physicalResourceId(), current.attributes()), current.properties());
        } catch (ResourceFailure e) {
            throw fail(changing, "UPDATE", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("updating {} failed inside localcloud", current.logicalResourceId(), e);
            throw fail(changing, "UPDATE", "Internal Failure");
        }
        StackResource updated = new StackResource(current.logicalResourceId(), current.resourceType(), now.physicalId(), null, null, null,
                properties, now.attributes(), current.deletionPolicy());
        return journal.resource(updated, "UPDATE_COMPLETE", null);
    }

    /**
     * Deletes the resource (kept when its DeletionPolicy is Retain: DELETE_SKIPPED). A resource the
     * service no longer has counts as deleted, as on AWS. False when it failed (DELETE_FAILED written).
     * {@code stored}: whether the stack's record is this resource (not the old copy of a replaced one).
     */
    boolean delete(StackResource resource, boolean stored) {
        if ("Retain".equals(resource.deletionPolicy())) {
            write(resource, stored, "DELETE_SKIPPED", null);
            return true;
        }
        write(resource, stored, "DELETE_IN_PROGRESS", null);
        if (resource.physicalResourceId() != null) {
            try {
                provider(resource.resourceType()).delete(request(resource.logicalResourceId(), resource.properties()),
                        new Provisioned(resource.physicalResourceId(), resource.attributes()));
            } catch (ResourceFailure e) {
                if (!e.notFound()) {
                    write(resource, stored, "DELETE_FAILED", e.getMessage());
                    return false;
                }
            } catch (RuntimeException e) {
                LOG.error("deleting {} failed inside localcloud", resource.logicalResourceId(), e);
                write(resource, stored, "DELETE_FAILED", "Internal Failure");
                return false;
            }
        }
        write(resource, stored, "DELETE_COMPLETE", null);
        return true;
    }

    private void write(StackResource resource, boolean stored, String status, String reason) {
        if (stored) {
            journal.resource(resource, status, reason);
        } else {
            journal.event(resource, status, reason);
        }
    }

    private ResourceFailure fail(StackResource resource, String phase, String reason) {
        journal.resource(resource, phase + "_FAILED", reason);
        return new ResourceFailure(reason);
    }

    private ResourceProvider provider(String type) {
        return providers.of(type).orElseThrow(() -> new ResourceFailure("Unrecognized resource type " + type));
    }

    private ResourceRequest request(String logicalId, JsonNode properties) {
        return new ResourceRequest(logicalId, properties, stackName, stackId, stackTags, accountId, calls);
    }
}
