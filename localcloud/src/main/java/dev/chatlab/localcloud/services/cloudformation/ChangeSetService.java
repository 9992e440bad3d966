package dev.chatlab.localcloud.services.cloudformation;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.protocol.AccountAndRegion;
import dev.chatlab.localcloud.services.cloudformation.engine.ChangePlanner;
import dev.chatlab.localcloud.services.cloudformation.engine.DesiredStack;
import dev.chatlab.localcloud.services.cloudformation.engine.StackJournal;
import dev.chatlab.localcloud.services.cloudformation.engine.StackStore;
import dev.chatlab.localcloud.services.cloudformation.model.ChangeSet;
import dev.chatlab.localcloud.services.cloudformation.model.ResourceChange;
import dev.chatlab.localcloud.services.cloudformation.model.Stack;
import dev.chatlab.localcloud.services.cloudformation.template.TemplateError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Change sets: made asynchronously (CREATE_PENDING, CREATE_IN_PROGRESS, then CREATE_COMPLETE with
 * its Changes, or FAILED with AWS's "didn't contain changes" reason, which {@code aws cloudformation
 * deploy} reads), executed as a stack create or update. A CREATE change set makes its stack in
 * REVIEW_IN_PROGRESS, as on AWS.
 */
public final class ChangeSetService {

    static final String NO_CHANGES = "The submitted information didn't contain changes. Submit different information to create a change set.";

    private final CloudFormationService stacks;
    private final StackStore store;
    private final ChangePlanner planner;

    public ChangeSetService(CloudFormationService stacks, ChangePlanner planner) {
        this.stacks = stacks;
        this.store = stacks.store();
        this.planner = planner;
    }

    public record CreateRequest(String region, String stackName, String changeSetName, String changeSetType, String templateBody,
                                boolean usePreviousTemplate, Map<String, String> parameters, List<String> previousValueKeys,
                                List<String> capabilities, Map<String, String> tags, String description) {
    }

    /** Answers the change set's id and its stack's. */
    public ChangeSet create(CreateRequest request) {
        String type = request.changeSetType() == null ? "UPDATE" : request.changeSetType();
        Stack stack;
        DesiredStack desired;
        String changeSetId = "arn:aws:cloudformation:" + request.region() + ":" + AccountAndRegion.ACCOUNT_ID + ":changeSet/" + request.changeSetName() + "/" + UUID.randomUUID();
        if (type.equals("CREATE")) {
            var live = store.live(request.stackName()).filter(s -> s.region.equals(request.region()));
            if (live.isPresent() && !live.get().status.equals("REVIEW_IN_PROGRESS")) {
                throw TemplateError.validation("Stack [" + request.stackName() + "] already exists and cannot be created again with the changeSet ["
                        + request.changeSetName() + "].");
            }
            if (request.templateBody() == null) {
                throw TemplateError.validation("Either Template URL or Template Body must be specified.");
            }
            desired = stacks.preparation().prepare(request.templateBody(), request.parameters(), request.capabilities(), request.tags(), false, changeSetId);
            if (live.isPresent()) {
                stack = live.get();
            } else {
                stack = stacks.newStack(request.region(), request.stackName(), desired);
                stack.status = "REVIEW_IN_PROGRESS";
                stack.statusReason = "User Initiated";
                store.put(stack);
                new StackJournal(store, stack.stackId, stacks.clock()).stackStatus("REVIEW_IN_PROGRESS", "User Initiated");
            }
        } else if (type.equals("UPDATE")) {
            stack = store.live(request.stackName()).filter(s -> s.region.equals(request.region()))
                    .orElseThrow(() -> TemplateError.validation("Stack [" + request.stackName() + "] does not exist"));
            CloudFormationService.checkUpdatable(stack);
            desired = stacks.desiredUpdate(stack, request.templateBody(), request.usePreviousTemplate(), request.parameters(),
                    request.previousValueKeys(), request.capabilities(), request.tags(), false, changeSetId);
        } else {
            throw TemplateError.validation("1 validation error detected: Value '" + type + "' at 'changeSetType' failed to satisfy constraint: Member must satisfy enum value set: [CREATE, UPDATE, IMPORT]");
        }
        String stackId = stack.stackId;
        if (store.changeSets().stream().anyMatch(c -> c.stackId().equals(stackId) && c.changeSetName().equals(request.changeSetName()))) {
            throw new AwsException("AlreadyExistsException", 400, "ChangeSet [" + request.changeSetName() + "] already exists");
        }
        stacks.checkConditions(stack, desired);
        ChangeSet changeSet = new ChangeSet(changeSetId, request.changeSetName(), stackId, stack.stackName, type, "CREATE_PENDING", null,
                "UNAVAILABLE", StackJournal.timestamp(stacks.clock()), request.description(), desired.templateBody(),
                desired.parameters().values(), request.capabilities(), desired.tags(), List.of());
        store.put(changeSet);
        Stack current = stack;
        stacks.submit(() -> plan(changeSet, current, desired));
        return changeSet;
    }

    private void plan(ChangeSet changeSet, Stack stack, DesiredStack desired) {
        store.updateChangeSet(changeSet.changeSetId(), c -> c.withStatus("CREATE_IN_PROGRESS", null, "UNAVAILABLE", List.of()));
        try {
            List<ResourceChange> changes = planner.plan(stack, desired);
            boolean nothing = changes.isEmpty() && !CloudFormationService.differs(stack, desired);
            store.updateChangeSet(changeSet.changeSetId(), c -> nothing
                    ? c.withStatus("FAILED", NO_CHANGES, "UNAVAILABLE", List.of())
                    : c.withStatus("CREATE_COMPLETE", null, "AVAILABLE", changes));
        } catch (AwsException e) {
            store.updateChangeSet(changeSet.changeSetId(), c -> c.withStatus("FAILED", e.getMessage(), "UNAVAILABLE", List.of()));
        }
    }

    /** By id, or by name within the stack; else ChangeSetNotFound (404). */
    public ChangeSet find(String region, String nameOrId, String stackNameOrId) {
        for (ChangeSet changeSet : store.changeSets()) {
            if (changeSet.changeSetId().equals(nameOrId)) {
                return changeSet;
            }
        }
        if (stackNameOrId != null && !nameOrId.startsWith("arn:")) {
            Stack stack = stacks.stack(region, stackNameOrId);
            for (ChangeSet changeSet : store.changeSets()) {
                if (changeSet.stackId().equals(stack.stackId) && changeSet.changeSetName().equals(nameOrId)) {
                    return changeSet;
                }
            }
        }
        throw new AwsException("ChangeSetNotFound", 404, "ChangeSet [" + nameOrId + "] does not exist");
    }

    public List<ChangeSet> list(String region, String stackNameOrId) {
        Stack stack = stacks.stack(region, stackNameOrId);
        return store.changeSets().stream().filter(c -> c.stackId().equals(stack.stackId)).toList();
    }

    public void execute(String region, String accessKeyId, String nameOrId, String stackNameOrId) {
        ChangeSet changeSet = find(region, nameOrId, stackNameOrId);
        if (!changeSet.executionStatus().equals("AVAILABLE")) {
            throw new AwsException("InvalidChangeSetStatus", 400, "ChangeSet [" + changeSet.changeSetId()
                    + "] cannot be executed in its current execution status of [" + changeSet.executionStatus() + "]");
        }
        Stack stack = store.byId(changeSet.stackId()).orElseThrow(() -> CloudFormationService.notFound(changeSet.stackId()));
        DesiredStack desired;
        if (changeSet.changeSetType().equals("CREATE")) {
            desired = stacks.preparation().prepare(changeSet.templateBody(), changeSet.parameters(), changeSet.capabilities(), changeSet.tags(), false,
                    changeSet.changeSetId());
        } else {
            CloudFormationService.checkUpdatable(stack);
            desired = stacks.desiredUpdate(stack, changeSet.templateBody(), false, changeSet.parameters(), List.of(), changeSet.capabilities(),
                    changeSet.tags(), false, changeSet.changeSetId());
        }
        store.updateChangeSet(changeSet.changeSetId(), c -> c.withStatus(c.status(), c.statusReason(), "EXECUTE_IN_PROGRESS", c.changes()));
        for (ChangeSet other : new ArrayList<>(store.changeSets())) {
            if (other.stackId().equals(stack.stackId) && !other.changeSetId().equals(changeSet.changeSetId())) {
                store.removeChangeSet(other.changeSetId());
            }
        }
        StackJournal journal = new StackJournal(store, stack.stackId, stacks.clock());
        if (changeSet.changeSetType().equals("CREATE")) {
            journal.change(s -> s.changeSetId = changeSet.changeSetId());
            journal.stackStatus("CREATE_IN_PROGRESS", "User Initiated");
            stacks.submit(() -> {
                stacks.runs().create(stack.stackId, desired, accessKeyId);
                finish(changeSet, stack.stackId, "CREATE_COMPLETE");
            });
        } else {
            journal.change(s -> s.lastUpdatedTime = journal.now());
            journal.stackStatus("UPDATE_IN_PROGRESS", "User Initiated");
            stacks.submit(() -> {
                stacks.runs().update(stack.stackId, desired, accessKeyId);
                finish(changeSet, stack.stackId, "UPDATE_COMPLETE");
            });
        }
    }

    private void finish(ChangeSet changeSet, String stackId, String success) {
        boolean succeeded = store.byId(stackId).map(s -> s.status.equals(success)).orElse(false);
        store.updateChangeSet(changeSet.changeSetId(), c -> c.withStatus(c.status(), c.statusReason(), succeeded ? "EXECUTE_COMPLETE" : "EXECUTE_FAILED", c.changes()));
    }

    public void delete(String region, String nameOrId, String stackNameOrId) {
        ChangeSet changeSet = find(region, nameOrId, stackNameOrId);
        if (changeSet.executionStatus().equals("EXECUTE_IN_PROGRESS")) {
            throw new AwsException("InvalidChangeSetStatus", 400, "Cannot delete ChangeSet in status EXECUTE_IN_PROGRESS");
        }
        store.removeChangeSet(changeSet.changeSetId());
    }
}
