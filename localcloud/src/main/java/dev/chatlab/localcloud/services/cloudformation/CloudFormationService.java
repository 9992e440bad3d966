package dev.chatlab.localcloud.services.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.protocol.ServiceHandler;
import dev.chatlab.localcloud.services.cloudformation.engine.ChangePlanner;
import dev.chatlab.localcloud.services.cloudformation.engine.DesiredStack;
import dev.chatlab.localcloud.services.cloudformation.engine.StackContext;
import dev.chatlab.localcloud.services.cloudformation.engine.StackJournal;
import dev.chatlab.localcloud.services.cloudformation.engine.StackRuns;
import dev.chatlab.localcloud.services.cloudformation.engine.StackStore;
import dev.chatlab.localcloud.services.cloudformation.engine.TemplatePreparation;
import dev.chatlab.localcloud.services.cloudformation.model.Stack;
import dev.chatlab.localcloud.services.cloudformation.model.StackEvent;
import dev.chatlab.localcloud.services.cloudformation.resources.ResourceProviders;
import dev.chatlab.localcloud.services.cloudformation.resources.ServiceCalls;
import dev.chatlab.localcloud.services.cloudformation.template.TemplateError;
import dev.chatlab.localcloud.storage.Storage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * CloudFormation's stacks: each operation is checked at once (a bad template or parameter is the
 * call's ValidationError) and then runs on a worker thread of its own, as on AWS, where the call
 * answers while the stack is still CREATE_IN_PROGRESS and the SDK's waiters wait for the end.
 * Under the fast timing the call waits for the operation first (up to
 * {@link dev.chatlab.localcloud.config.Timing#stackOperationPatience()}).
 */
public final class CloudFormationService implements AutoCloseable {

    private final StackStore store;
    private final Clock clock;
    private final String accountId;
    private final TemplatePreparation preparation;
    private final StackRuns runs;
    private final Supplier<Map<String, ServiceHandler>> services;
    private final Duration patience;
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "cloudformation-stack");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param patience how long a call waits for the operation it started before answering (zero: not at all)
     * @param services the other services' handlers by signing name, which the resource providers call in-process;
     *                 a supplier because this service is built before the list is complete
     */
    public CloudFormationService(Storage storage, Clock clock, String accountId, Duration patience,
                                 Supplier<Map<String, ServiceHandler>> services) {
        this.patience = patience;
        this.store = new StackStore(storage);
        this.clock = clock;
        this.accountId = accountId;
        this.services = services;
        ResourceProviders providers = new ResourceProviders();
        this.preparation = new TemplatePreparation(providers);
        this.runs = new StackRuns(store, providers, clock, accountId,
                (region, accessKeyId) -> new ServiceCalls(services.get(), region, accessKeyId), this::exportValue);
        endInterruptedOperations();
    }

    /** What a change set of this service's stacks would change. */
    public ChangePlanner planner() {
        return new ChangePlanner(preparation.providers(), accountId, this::exportValue);
    }

    /** An S3 object's text (a TemplateURL's template), read through S3's own handler. */
    String readObject(String region, String accessKeyId, String bucket, String key) {
        return new ServiceCalls(services.get(), region, accessKeyId).restText("s3", "S3", "/" + bucket + "/" + key);
    }

    TemplatePreparation preparation() {
        return preparation;
    }

    StackStore store() {
        return store;
    }

    Clock clock() {
        return clock;
    }

    StackRuns runs() {
        return runs;
    }

    /** Runs {@code operation} on a worker; waits for it up to the patience, so that under the fast timing a call answers once it is done. */
    void submit(Runnable operation) {
        Future<?> running = workers.submit(operation);
        if (patience.isZero()) {
            return;
        }
        try {
            running.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
            // answered with the stack in progress, as under the aws timing
        } catch (ExecutionException failed) {
            // an operation records its failure on its stack or change set; one that throws past that ends here, as without patience
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The caller's request for CreateStack. */
    public record CreateRequest(String region, String accessKeyId, String stackName, String templateBody, Map<String, String> parameters,
                                List<String> capabilities, Map<String, String> tags, boolean disableRollback, String onFailure) {
    }

    public String createStack(CreateRequest request) {
        if (store.live(request.stackName()).filter(s -> s.region.equals(request.region())).isPresent()) {
            throw new AwsException("AlreadyExistsException", 400, "Stack [" + request.stackName() + "] already exists");
        }
        DesiredStack desired = preparation.prepare(request.templateBody(), request.parameters(), request.capabilities(), request.tags(), true, null);
        Stack stack = newStack(request.region(), request.stackName(), desired);
        stack.disableRollback = request.disableRollback() || "DO_NOTHING".equals(request.onFailure());
        stack.status = "CREATE_IN_PROGRESS";
        stack.statusReason = "User Initiated";
        checkConditions(stack, desired);
        store.put(stack);
        new StackJournal(store, stack.stackId, clock).stackStatus("CREATE_IN_PROGRESS", "User Initiated");
        boolean deleteOnFailure = "DELETE".equals(request.onFailure());
        submit(() -> {
            runs.create(stack.stackId, desired, request.accessKeyId());
            if (deleteOnFailure && store.byId(stack.stackId).map(s -> s.status.equals("ROLLBACK_COMPLETE")).orElse(false)) {
                new StackJournal(store, stack.stackId, clock).stackStatus("DELETE_IN_PROGRESS", "User Initiated");
                runs.delete(stack.stackId, request.accessKeyId());
            }
        });
        return stack.stackId;
    }

    /** A new stack record for {@code desired}, not yet stored. */
    Stack newStack(String region, String stackName, DesiredStack desired) {
        Stack stack = new Stack();
        stack.stackId = "arn:aws:cloudformation:" + region + ":" + accountId + ":stack/" + stackName + "/" + UUID.randomUUID();
        stack.stackName = stackName;
        stack.region = region;
        stack.creationTime = StackJournal.timestamp(clock);
        stack.templateBody = desired.templateBody();
        stack.processedTemplate = Json.write(desired.template().root());
        stack.description = desired.template().description();
        stack.parameters = StackRuns.parameters(desired);
        stack.capabilities = desired.capabilities();
        stack.tags = desired.tags();
        return stack;
    }

    /** Conditions and static lookups depend only on parameters: a wrong one is the call's error, not a failed stack. */
    void checkConditions(Stack stack, DesiredStack desired) {
        new StackContext(desired.template(), desired.parameters(), stack.region, accountId, stack.stackName, stack.stackId,
                new HashMap<>(), this::exportValue).checkBeforeStart();
    }

    public record UpdateRequest(String region, String accessKeyId, String stackName, String templateBody, boolean usePreviousTemplate,
                                Map<String, String> parameters, List<String> previousValueKeys, List<String> capabilities, Map<String, String> tags) {
    }

    public String updateStack(UpdateRequest request) {
        Stack stack = stack(request.region(), request.stackName());
        checkUpdatable(stack);
        DesiredStack desired = desiredUpdate(stack, request.templateBody(), request.usePreviousTemplate(), request.parameters(),
                request.previousValueKeys(), request.capabilities(), request.tags(), true, null);
        checkConditions(stack, desired);
        if (!differs(stack, desired)) {
            throw TemplateError.validation("No updates are to be performed.");
        }
        startUpdate(stack, desired, request.accessKeyId());
        return stack.stackId;
    }

    void startUpdate(Stack stack, DesiredStack desired, String accessKeyId) {
        StackJournal journal = new StackJournal(store, stack.stackId, clock);
        journal.change(s -> s.lastUpdatedTime = journal.now());
        journal.stackStatus("UPDATE_IN_PROGRESS", "User Initiated");
        submit(() -> runs.update(stack.stackId, desired, accessKeyId));
    }

    /** The template and parameters an update or an UPDATE change set asks for, previous values filled in. */
    DesiredStack desiredUpdate(Stack stack, String body, boolean usePrevious, Map<String, String> given, List<String> previousValueKeys,
                               List<String> capabilities, Map<String, String> tags, boolean transformsNeedCapability, String changeSetId) {
        if (body == null && !usePrevious) {
            throw TemplateError.validation("Either Template URL or Template Body must be specified.");
        }
        Map<String, String> values = new LinkedHashMap<>(given);
        for (String key : previousValueKeys) {
            String previous = stack.parameters.stream().filter(p -> p.parameterKey().equals(key)).findFirst()
                    .orElseThrow(() -> TemplateError.validation("Invalid input for parameter key " + key + ". Cannot specify usePreviousValue as true for a parameter key not in the previous template"))
                    .parameterValue();
            values.put(key, previous);
        }
        return preparation.prepare(usePrevious ? stack.templateBody : body, values, capabilities,
                tags.isEmpty() ? stack.tags : tags, transformsNeedCapability, changeSetId);
    }

    /** True when the update would change anything: the processed template, a parameter, or the tags. */
    static boolean differs(Stack stack, DesiredStack desired) {
        return !Json.write(desired.template().root()).equals(stack.processedTemplate)
                || !StackRuns.parameters(desired).equals(stack.parameters)
                || !desired.tags().equals(stack.tags);
    }

    static void checkUpdatable(Stack stack) {
        if (stack.inProgress()) {
            throw TemplateError.validation("Stack:" + stack.stackId + " is in " + stack.status + " state and can not be updated.");
        }
        if (List.of("ROLLBACK_COMPLETE", "ROLLBACK_FAILED", "CREATE_FAILED", "DELETE_FAILED", "REVIEW_IN_PROGRESS").contains(stack.status)) {
            throw TemplateError.validation("Stack:" + stack.stackId + " is in " + stack.status + " state and can not be updated.");
        }
    }

    public void deleteStack(String region, String accessKeyId, String nameOrId) {
        Stack stack;
        try {
            stack = stack(region, nameOrId);
        } catch (AwsException e) {
            return; // AWS answers success for a stack that is not there
        }
        if (stack.deleted() || stack.status.equals("DELETE_IN_PROGRESS")) {
            return;
        }
        if (stack.inProgress() && !stack.status.equals("REVIEW_IN_PROGRESS")) {
            throw TemplateError.validation("Stack [" + stack.stackName + "] cannot be deleted while in status " + stack.status);
        }
        new StackJournal(store, stack.stackId, clock).stackStatus("DELETE_IN_PROGRESS", "User Initiated");
        store.changeSets().stream().filter(c -> c.stackId().equals(stack.stackId)).forEach(c -> store.removeChangeSet(c.changeSetId()));
        submit(() -> runs.delete(stack.stackId, accessKeyId));
    }

    /** By name (a live stack of the region) or by stack id (deleted ones too); else AWS's ValidationError. */
    public Stack stack(String region, String nameOrId) {
        if (nameOrId.startsWith("arn:")) {
            return store.byId(nameOrId).orElseThrow(() -> notFound(nameOrId));
        }
        return store.live(nameOrId).filter(s -> s.region.equals(region)).orElseThrow(() -> notFound(nameOrId));
    }

    static AwsException notFound(String nameOrId) {
        return TemplateError.validation("Stack with id " + nameOrId + " does not exist");
    }

    /** DescribeStacks: one stack, or every live stack of the region, newest first. */
    public List<Stack> describeStacks(String region, String nameOrId) {
        if (nameOrId != null) {
            return List.of(stack(region, nameOrId));
        }
        List<Stack> stacks = new ArrayList<>(store.all().stream().filter(s -> s.region.equals(region) && !s.deleted()).toList());
        Collections.reverse(stacks);
        return stacks;
    }

    /** ListStacks: deleted ones too (AWS keeps them 90 days), filtered by status. */
    public List<Stack> listStacks(String region, List<String> statuses) {
        List<Stack> stacks = new ArrayList<>(store.all().stream()
                .filter(s -> s.region.equals(region) && (statuses.isEmpty() || statuses.contains(s.status))).toList());
        Collections.reverse(stacks);
        return stacks;
    }

    public List<StackEvent> events(String region, String nameOrId) {
        List<StackEvent> events = new ArrayList<>(stack(region, nameOrId).events);
        Collections.reverse(events);
        return events;
    }

    /** The value an output exported under that name, from any live stack of the account. */
    private JsonNode exportValue(String exportName) {
        for (Stack stack : store.all()) {
            if (stack.deleted()) {
                continue;
            }
            for (var output : stack.outputs) {
                if (exportName.equals(output.exportName())) {
                    return JsonNodeFactory.instance.textNode(output.outputValue());
                }
            }
        }
        return null;
    }

    /** A stack whose operation ran when localcloud stopped cannot go on: it ends as AWS ends a timed-out one. */
    private void endInterruptedOperations() {
        for (Stack stack : store.all()) {
            if (stack.inProgress() && !stack.status.equals("REVIEW_IN_PROGRESS")) {
                String ended = switch (stack.status) {
                    case "CREATE_IN_PROGRESS" -> "CREATE_FAILED";
                    case "DELETE_IN_PROGRESS" -> "DELETE_FAILED";
                    case "ROLLBACK_IN_PROGRESS" -> "ROLLBACK_FAILED";
                    default -> "UPDATE_ROLLBACK_FAILED";
                };
                new StackJournal(store, stack.stackId, clock).stackStatus(ended, "localcloud stopped while this stack operation ran");
            }
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
