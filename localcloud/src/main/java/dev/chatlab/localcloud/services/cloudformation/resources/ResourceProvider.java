package dev.chatlab.localcloud.services.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * One resource type (AWS::S3::Bucket, ...): how a stack creates, changes and deletes it through
 * the service that owns it, and what {@code Ref} and {@code Fn::GetAtt} give.
 */
public interface ResourceProvider {

    /** Every property: a change of any of them replaces the resource. */
    Set<String> ALL_PROPERTIES = Set.of("*");

    String type();

    /** The properties whose change makes CloudFormation replace the resource (AWS's "Update requires: Replacement"). */
    Set<String> replacedOn();

    /** The attributes {@code Fn::GetAtt} may read. */
    Set<String> attributes();

    /** Creates the resource; its physical id is what {@code Ref} answers. */
    Provisioned create(ResourceRequest request);

    /** Changes it in place; called only when no property of {@link #replacedOn()} changed. */
    Provisioned update(ResourceRequest request, Provisioned current, JsonNode previousProperties);

    void delete(ResourceRequest request, Provisioned current);

    /** True when {@code property}'s change replaces the resource. */
    default boolean replaces(String property) {
        return replacedOn().contains("*") || replacedOn().contains(property);
    }
}
