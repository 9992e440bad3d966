package dev.chatlab.localcloud.services.cloudformation.engine;

import dev.chatlab.localcloud.services.cloudformation.model.ChangeSet;
import dev.chatlab.localcloud.services.cloudformation.model.Stack;
import dev.chatlab.localcloud.storage.Documents;
import dev.chatlab.localcloud.storage.Storage;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Stacks and change sets in storage ({@code cloudformation.stacks}, {@code cloudformation.changesets}),
 * as {@link Documents} by id. Every change goes through {@link #update}, one at a time, so that a
 * stack's worker thread and the API's readers never see half a change. A stack is a mutable model
 * (its run adds resources and events as it goes), so readers get copies of it; change sets are
 * records, read as the documents share them.
 */
public final class StackStore {

    private final Documents<Stack> stacks;
    private final Documents<ChangeSet> changeSets;

    public StackStore(Storage storage) {
        this.stacks = storage.documents("cloudformation.stacks", Stack.class);
        this.changeSets = storage.documents("cloudformation.changesets", ChangeSet.class);
    }

    public synchronized void put(Stack stack) {
        stacks.put(stack.stackId, stack);
    }

    /** Changes the stack and stores it; answers the changed copy. */
    public synchronized Stack update(String stackId, Consumer<Stack> change) {
        return stacks.update(stackId, stack -> {
            change.accept(stack);
            return stack;
        }).orElseThrow(() -> new IllegalStateException("no stack " + stackId));
    }

    public synchronized Optional<Stack> byId(String stackId) {
        return stacks.copy(stackId);
    }

    /** The stack of that name that is not deleted (a name is free again once its stack is deleted). */
    public synchronized Optional<Stack> live(String stackName) {
        return all().stream().filter(stack -> stack.stackName.equals(stackName) && !stack.deleted()).findFirst();
    }

    /** Every stack, deleted ones too, oldest first. */
    public synchronized List<Stack> all() {
        return stacks.keys(null).map(id -> stacks.copy(id).orElseThrow())
                .sorted(Comparator.comparing((Stack stack) -> stack.creationTime)).toList();
    }

    public synchronized void removeStack(String stackId) {
        stacks.remove(stackId);
    }

    public synchronized void put(ChangeSet changeSet) {
        changeSets.put(changeSet.changeSetId(), changeSet);
    }

    public synchronized ChangeSet updateChangeSet(String id, UnaryOperator<ChangeSet> change) {
        return changeSets.update(id, change).orElseThrow(() -> new IllegalStateException("no change set " + id));
    }

    public synchronized List<ChangeSet> changeSets() {
        return changeSets.values().sorted(Comparator.comparing(ChangeSet::creationTime)).toList();
    }

    public synchronized void removeChangeSet(String id) {
        changeSets.remove(id);
    }
}
