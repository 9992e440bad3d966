package dev.chatlab.localcloud.services.cloudformation.engine;

import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.services.cloudformation.model.Stack;
import dev.chatlab.localcloud.services.cloudformation.model.StackEvent;
import dev.chatlab.localcloud.services.cloudformation.model.StackResource;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Writes what happens to one stack: its status and each resource's, each change also an event,
 * worded as CloudFormation words them.
 */
public final class StackJournal {

    public static final String STACK_TYPE = "AWS::CloudFormation::Stack";

    private final StackStore store;
    private final String stackId;
    private final Clock clock;

    public StackJournal(StackStore store, String stackId, Clock clock) {
        this.store = store;
        this.stackId = stackId;
        this.clock = clock;
    }

    public static String timestamp(Clock clock) {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString();
    }

    public String now() {
        return timestamp(clock);
    }

    public Stack stack() {
        return store.byId(stackId).orElseThrow();
    }

    public Stack stackStatus(String status, String reason) {
        String at = now();
        return store.update(stackId, stack -> {
            stack.status = status;
            stack.statusReason = reason;
            if (status.equals("DELETE_COMPLETE")) {
                stack.deletionTime = at;
            }
            stack.events.add(new StackEvent(UUID.randomUUID().toString(), stack.stackName, stack.stackId, STACK_TYPE, at, status, reason, null));
        });
    }

    /** Stores the resource with that status and adds its event. */
    public StackResource resource(StackResource resource, String status, String reason) {
        String at = now();
        StackResource changed = resource.withStatus(status, reason, at);
        store.update(stackId, stack -> {
            stack.resources.put(resource.logicalResourceId(), changed);
            stack.events.add(new StackEvent(UUID.randomUUID().toString() + "-" + resource.logicalResourceId(), resource.logicalResourceId(),
                    resource.physicalResourceId() == null ? "" : resource.physicalResourceId(), resource.resourceType(), at, status, reason,
                    resource.properties() == null ? null : Json.write(resource.properties())));
        });
        return changed;
    }

    /** Adds an event for a resource without storing it (the old copy of a replaced resource). */
    public void event(StackResource resource, String status, String reason) {
        String at = now();
        store.update(stackId, stack -> stack.events.add(new StackEvent(UUID.randomUUID().toString() + "-" + resource.logicalResourceId(),
                resource.logicalResourceId(), resource.physicalResourceId() == null ? "" : resource.physicalResourceId(), resource.resourceType(), at,
                status, reason, resource.properties() == null ? null : Json.write(resource.properties()))));
    }

    public void forget(String logicalId) {
        store.update(stackId, stack -> stack.resources.remove(logicalId));
    }

    public void change(Consumer<Stack> change) {
        store.update(stackId, change);
    }
}
