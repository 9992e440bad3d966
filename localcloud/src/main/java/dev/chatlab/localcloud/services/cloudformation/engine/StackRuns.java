package dev.chatlab.localcloud.services.cloudformation.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.services.cloudformation.model.Stack;
import dev.chatlab.localcloud.services.cloudformation.model.StackOutput;
import dev.chatlab.localcloud.services.cloudformation.model.StackParameter;
import dev.chatlab.localcloud.services.cloudformation.model.StackResource;
import dev.chatlab.localcloud.services.cloudformation.resources.ResourceFailure;
import dev.chatlab.localcloud.services.cloudformation.resources.ResourceProviders;
import dev.chatlab.localcloud.services.cloudformation.resources.ServiceCalls;
import dev.chatlab.localcloud.services.cloudformation.template.Template;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The three stack operations as CloudFormation runs them, each on a worker thread: create
 * (rolled back on a failure: ROLLBACK_COMPLETE), update (added, changed and replaced resources
 * first, then the cleanup of removed and replaced ones; rolled back on a failure:
 * UPDATE_ROLLBACK_COMPLETE), delete (in reverse dependency order; DELETE_FAILED when a resource
 * cannot go).
 */
public final class StackRuns {

    private final StackStore store;
    private final ResourceProviders providers;
    private final Clock clock;
    private final String accountId;
    /** The calls into the other services for (region, access key). */
    private final BiFunction<String, String, ServiceCalls> calls;
    private final Function<String, JsonNode> exports;

    public StackRuns(StackStore store, ResourceProviders providers, Clock clock, String accountId,
                     BiFunction<String, String, ServiceCalls> calls, Function<String, JsonNode> exports) {
        this.store = store;
        this.providers = providers;
        this.clock = clock;
        this.accountId = accountId;
        this.calls = calls;
        this.exports = exports;
    }

    public void create(String stackId, DesiredStack desired, String accessKeyId) {
        StackJournal journal = new StackJournal(store, stackId, clock);
        Stack stack = journal.stack();
        ResourceSteps steps = steps(journal, stack, desired.tags(), accessKeyId);
        Map<String, StackResource> made = new LinkedHashMap<>();
        StackContext context = context(stack, desired, made);
        String failed = null;
        for (String logicalId : desired.dependencies().creationOrder()) {
            if (!included(context, logicalId)) {
                continue;
            }
            try {
                made.put(logicalId, steps.create(logicalId, desired.template().resources().get(logicalId), context, "CREATE", null));
            } catch (ResourceFailure e) {
                failed = logicalId;
                break;
            }
        }
        if (failed == null) {
            try {
                List<StackOutput> outputs = outputs(desired, context);
                journal.change(s -> s.outputs = outputs);
                journal.stackStatus("CREATE_COMPLETE", null);
                return;
            } catch (AwsException e) {
                failed = null;
                journal.stackStatus(stack.disableRollback ? "CREATE_FAILED" : "ROLLBACK_IN_PROGRESS", e.getMessage() + (stack.disableRollback ? "" : " Rollback requested by user."));
            }
        } else {
            String reason = "The following resource(s) failed to create: [" + failed + "]. ";
            if (stack.disableRollback) {
                journal.stackStatus("CREATE_FAILED", reason);
                return;
            }
            journal.stackStatus("ROLLBACK_IN_PROGRESS", reason + "Rollback requested by user.");
        }
        if (stack.disableRollback) {
            return;
        }
        boolean clean = deleteAll(steps, journal, desired.dependencies().creationOrder());
        journal.stackStatus(clean ? "ROLLBACK_COMPLETE" : "ROLLBACK_FAILED", clean ? null : "The following resource(s) failed to delete: " + leftOver(journal) + ". ");
    }

    public void update(String stackId, DesiredStack desired, String accessKeyId) {
        new UpdateRun(this, stackId, desired, accessKeyId).run();
    }

    public void delete(String stackId, String accessKeyId) {
        StackJournal journal = new StackJournal(store, stackId, clock);
        Stack stack = journal.stack();
        ResourceSteps steps = steps(journal, stack, stack.tags, accessKeyId);
        List<String> order = new ArrayList<>(stack.resources.keySet());
        try {
            order = desiredOrder(stack);
        } catch (AwsException e) {
            // the stored template no longer checks (a provider gone): the stored order it is
        }
        if (deleteAll(steps, journal, order)) {
            journal.stackStatus("DELETE_COMPLETE", null);
        } else {
            journal.stackStatus("DELETE_FAILED", "The following resource(s) failed to delete: " + leftOver(journal) + ". ");
        }
    }

    /** Deletes every resource the stack holds, in reverse of {@code creationOrder}; true when none is left. */
    boolean deleteAll(ResourceSteps steps, StackJournal journal, List<String> creationOrder) {
        List<String> reverse = new ArrayList<>(creationOrder);
        journal.stack().resources.keySet().stream().filter(id -> !reverse.contains(id)).forEach(reverse::add);
        Collections.reverse(reverse);
        boolean clean = true;
        for (String logicalId : reverse) {
            StackResource resource = journal.stack().resources.get(logicalId);
            if (resource == null || resource.resourceStatus().equals("DELETE_COMPLETE") || resource.resourceStatus().equals("DELETE_SKIPPED")) {
                continue;
            }
            if (steps.delete(resource, true)) {
                journal.forget(logicalId);
            } else {
                clean = false;
            }
        }
        return clean;
    }

    private static String leftOver(StackJournal journal) {
        return journal.stack().resources.values().stream().filter(r -> r.resourceStatus().equals("DELETE_FAILED"))
                .map(StackResource::logicalResourceId).toList().toString();
    }

    /** The creation order of the stack's stored (processed) template. */
    List<String> desiredOrder(Stack stack) {
        var template = Template.of(
                (ObjectNode) Json.parse(stack.processedTemplate.getBytes(StandardCharsets.UTF_8),
                        () -> new AwsException("InternalFailure", 500, "stored template unreadable")));
        return TemplateChecks.check(template, providers).creationOrder();
    }

    /** A resource whose Condition is false is not made (and, in an update, is removed). */
    static boolean included(StackContext context, String logicalId) {
        return context.included(logicalId);
    }

    List<StackOutput> outputs(DesiredStack desired, StackContext context) {
        List<StackOutput> outputs = new ArrayList<>();
        desired.template().outputs().forEach((key, output) -> {
            JsonNode condition = output.get("Condition");
            if (condition != null && !context.condition(condition.asText())) {
                return;
            }
            JsonNode value = context.resolve(output.path("Value"));
            String exportName = output.has("Export") ? context.resolve(output.path("Export").path("Name")).asText() : null;
            String text = value.isArray() ? String.join(",", Json.MAPPER.convertValue(value, String[].class)) : value.asText();
            outputs.add(new StackOutput(key, text, output.has("Description") ? output.get("Description").asText() : null, exportName));
        });
        return outputs;
    }

    StackContext context(Stack stack, DesiredStack desired, Map<String, StackResource> resources) {
        return new StackContext(desired.template(), desired.parameters(), stack.region, accountId, stack.stackName, stack.stackId, resources, exports);
    }

    ResourceSteps steps(StackJournal journal, Stack stack, Map<String, String> tags, String accessKeyId) {
        return new ResourceSteps(journal, providers, calls.apply(stack.region, accessKeyId), accountId, stack.stackName, stack.stackId, tags);
    }

    StackStore store() {
        return store;
    }

    Clock clock() {
        return clock;
    }

    ResourceProviders providers() {
        return providers;
    }

    /** The stack's parameters as DescribeStacks shows them. */
    public static List<StackParameter> parameters(DesiredStack desired) {
        List<StackParameter> parameters = new ArrayList<>();
        desired.parameters().values().forEach((key, value) -> parameters.add(new StackParameter(key, value, desired.parameters().noEcho(key))));
        return parameters;
    }
}
