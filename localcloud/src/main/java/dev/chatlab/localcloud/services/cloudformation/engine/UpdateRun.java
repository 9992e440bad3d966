package dev.chatlab.localcloud.services.cloudformation.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.services.cloudformation.model.Stack;
import dev.chatlab.localcloud.services.cloudformation.model.StackOutput;
import dev.chatlab.localcloud.services.cloudformation.model.StackResource;
import dev.chatlab.localcloud.services.cloudformation.resources.ResourceFailure;
import dev.chatlab.localcloud.services.cloudformation.resources.ResourceProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One stack update, as CloudFormation runs it: in dependency order each resource is added,
 * changed in place, or replaced (the new one made first); then UPDATE_COMPLETE_CLEANUP_IN_PROGRESS
 * deletes the removed resources and the old copies of replaced ones. A failure rolls every
 * step back (UPDATE_ROLLBACK_IN_PROGRESS → UPDATE_ROLLBACK_COMPLETE): changed resources get their
 * old properties again, new ones are deleted, the old template, parameters and outputs stay.
 */
final class UpdateRun {

    /** A step already taken, to be undone on a rollback. */
    private record Step(String logicalId, StackResource before, StackResource after) {
    }

    private final StackRuns runs;
    private final DesiredStack desired;
    private final StackJournal journal;
    private final Stack before;
    private final ResourceSteps steps;
    private final List<Step> done = new ArrayList<>();
    private final Map<String, StackResource> current;

    UpdateRun(StackRuns runs, String stackId, DesiredStack desired, String accessKeyId) {
        this.runs = runs;
        this.desired = desired;
        this.journal = new StackJournal(runs.store(), stackId, runs.clock());
        this.before = journal.stack();
        this.steps = runs.steps(journal, before, desired.tags(), accessKeyId);
        this.current = new LinkedHashMap<>(before.resources);
    }

    void run() {
        StackContext context = runs.context(before, desired, current);
        String failed = null;
        String failedPhase = null;
        for (String logicalId : desired.dependencies().creationOrder()) {
            if (!context.included(logicalId)) {
                continue;
            }
            JsonNode definition = desired.template().resources().get(logicalId);
            StackResource old = current.get(logicalId);
            try {
                if (old == null) {
                    failedPhase = "create";
                    StackResource made = steps.create(logicalId, definition, context, "CREATE", null);
                    done.add(new Step(logicalId, null, made));
                    current.put(logicalId, made);
                } else {
                    failedPhase = "update";
                    change(logicalId, definition, old, context);
                }
            } catch (ResourceFailure e) {
                failed = logicalId;
                break;
            }
        }
        List<StackOutput> outputs = null;
        String outputProblem = null;
        if (failed == null) {
            try {
                outputs = runs.outputs(desired, context);
            } catch (AwsException e) {
                outputProblem = e.getMessage();
            }
        }
        if (failed != null || outputProblem != null) {
            String reason = outputProblem != null ? outputProblem : "The following resource(s) failed to " + failedPhase + ": [" + failed + "]. ";
            rollBack(reason);
            return;
        }
        List<StackOutput> finalOutputs = outputs;
        journal.change(stack -> {
            stack.templateBody = desired.templateBody();
            stack.processedTemplate = Json.write(desired.template().root());
            stack.description = desired.template().description();
            stack.parameters = StackRuns.parameters(desired);
            stack.outputs = finalOutputs;
            stack.tags = desired.tags();
            stack.capabilities = desired.capabilities();
            stack.changeSetId = desired.changeSetId();
        });
        journal.stackStatus("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", null);
        cleanUp(context);
        journal.stackStatus("UPDATE_COMPLETE", null);
    }

    /** Changes a resource that exists: nothing when its properties are the same, else in place or by replacement. */
    private void change(String logicalId, JsonNode definition, StackResource old, StackContext context) {
        JsonNode properties;
        try {
            properties = context.resolve(definition.path("Properties"));
        } catch (AwsException e) {
            journal.resource(old, "UPDATE_FAILED", e.getMessage());
            throw new ResourceFailure(e.getMessage());
        }
        String deletionPolicy = definition.path("DeletionPolicy").asText(null);
        if (properties.equals(old.properties())) {
            if (!Objects.equals(deletionPolicy, old.deletionPolicy())) {
                current.put(logicalId, journal.resource(new StackResource(logicalId, old.resourceType(), old.physicalResourceId(), null, null, null,
                        old.properties(), old.attributes(), deletionPolicy), "UPDATE_COMPLETE", null));
            }
            return;
        }
        ResourceProvider provider = runs.providers().of(old.resourceType()).orElseThrow();
        List<String> replacing = Changes.replacing(provider, old.properties(), properties);
        if (replacing.isEmpty()) {
            StackResource updated = steps.update(old, properties);
            done.add(new Step(logicalId, old, updated));
            current.put(logicalId, updated);
            return;
        }
        String customName = Changes.customName(provider, old.properties(), properties);
        if (customName != null) {
            String reason = "CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename "
                    + customName + " and update the stack again.";
            journal.resource(old, "UPDATE_FAILED", reason);
            throw new ResourceFailure(reason);
        }
        StackResource made = steps.create(logicalId, definition, context, "UPDATE",
                "Requested update requires the creation of a new physical resource; hence creating one.");
        done.add(new Step(logicalId, old, made));
        current.put(logicalId, made);
    }

    /** Deletes, in reverse order, the resources the template no longer has and the old copies of replaced ones. */
    private void cleanUp(StackContext context) {
        List<StackResource> leftovers = new ArrayList<>();
        for (Step step : done) {
            if (step.before() != null && !step.before().physicalResourceId().equals(step.after().physicalResourceId())) {
                leftovers.add(step.before());
            }
        }
        Collections.reverse(leftovers);
        for (StackResource old : leftovers) {
            steps.delete(old, false);
        }
        List<String> removed = new ArrayList<>();
        List<String> order = new ArrayList<>(before.resources.keySet());
        Collections.reverse(order);
        for (String logicalId : order) {
            boolean kept = desired.template().resources().containsKey(logicalId) && context.included(logicalId);
            if (!kept) {
                removed.add(logicalId);
            }
        }
        for (String logicalId : removed) {
            StackResource resource = journal.stack().resources.get(logicalId);
            if (resource != null && steps.delete(resource, true)) {
                journal.forget(logicalId);
            }
        }
    }

    private void rollBack(String reason) {
        journal.stackStatus("UPDATE_ROLLBACK_IN_PROGRESS", reason);
        List<StackResource> newCopies = new ArrayList<>();
        List<Step> undo = new ArrayList<>(done);
        Collections.reverse(undo);
        for (Step step : undo) {
            if (step.before() == null) {
                continue;
            }
            if (step.before().physicalResourceId().equals(step.after().physicalResourceId())) {
                try {
                    steps.update(step.after(), step.before().properties());
                } catch (ResourceFailure e) {
                    // written as UPDATE_FAILED; the rollback goes on with the others
                }
            } else {
                newCopies.add(step.after());
                journal.resource(step.before(), "UPDATE_COMPLETE", null);
            }
        }
        // the resource that failed while being changed in place gets its old properties back
        journal.stack().resources.values().stream().filter(r -> r.resourceStatus().equals("UPDATE_FAILED")).toList().forEach(failed -> {
            StackResource old = before.resources.get(failed.logicalResourceId());
            if (old != null) {
                try {
                    steps.update(failed, old.properties());
                } catch (ResourceFailure e) {
                    // stays UPDATE_FAILED
                }
            }
        });
        journal.stackStatus("UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", null);
        for (StackResource copy : newCopies) {
            steps.delete(copy, false);
        }
        for (Step step : undo) {
            if (step.before() == null) {
                if (steps.delete(journal.stack().resources.get(step.logicalId()), true)) {
                    journal.forget(step.logicalId());
                }
            }
        }
        journal.stack().resources.values().stream().filter(r -> r.resourceStatus().equals("CREATE_FAILED")).toList().forEach(failed -> {
            journal.resource(failed, "DELETE_COMPLETE", null);
            journal.forget(failed.logicalResourceId());
        });
        journal.stackStatus("UPDATE_ROLLBACK_COMPLETE", null);
    }
}
