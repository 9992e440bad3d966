package dev.chatlab.localcloud.services.cloudformation.engine;

import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.services.cloudformation.model.ChangeSet;
import dev.chatlab.localcloud.services.cloudformation.model.Stack;
import dev.chatlab.localcloud.storage.Storage;
import dev.chatlab.localcloud.storage.StoredMap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Stacks and change sets in storage ({@code cloudformation.stacks}, {@code cloudformation.changesets}),
 * as JSON by id. Every change goes through {@link #update}, one at a time, so that a stack's worker
 * thread and the API's readers never see half a change; readers get copies.
 */
public final class StackStore {

    private final StoredMap<String, String> stacks;
    private final StoredMap<String, String> changeSets;

    public StackStore(Storage storage) {
        this.stacks = storage.map("cloudformation.stacks");
        this.changeSets = storage.map("cloudformation.changesets");
    }

    public synchronized void put(Stack stack) {
        stacks.put(stack.stackId, Json.write(stack));
    }

    /** Changes the stack and stores it; answers the changed copy. */
    public synchronized Stack update(String stackId, Consumer<Stack> change) {
        Stack stack = read(stacks.get(stackId));
        change.accept(stack);
        put(stack);
        return stack;
    }

    public synchronized Optional<Stack> byId(String stackId) {
        return Optional.ofNullable(stacks.get(stackId)).map(StackStore::read);
    }

    /** The stack of that name that is not deleted (a name is free again once its stack is deleted). */
    public synchronized Optional<Stack> live(String stackName) {
        return all().stream().filter(stack -> stack.stackName.equals(stackName) && !stack.deleted()).findFirst();
    }

    /** Every stack, deleted ones too, oldest first. */
    public synchronized List<Stack> all() {
        List<Stack> all = new ArrayList<>();
        stacks.values().forEach(json -> all.add(read(json)));
        all.sort((a, b) -> a.creationTime.compareTo(b.creationTime));
        return all;
    }

    public synchronized void removeStack(String stackId) {
        stacks.remove(stackId);
    }

    public synchronized void put(ChangeSet changeSet) {
        changeSets.put(changeSet.changeSetId(), Json.write(changeSet));
    }

    public synchronized ChangeSet updateChangeSet(String id, UnaryOperator<ChangeSet> change) {
        ChangeSet changed = change.apply(readChangeSet(changeSets.get(id)));
        put(changed);
        return changed;
    }

    public synchronized List<ChangeSet> changeSets() {
        List<ChangeSet> all = new ArrayList<>();
        changeSets.values().forEach(json -> all.add(readChangeSet(json)));
        all.sort((a, b) -> a.creationTime().compareTo(b.creationTime()));
        return all;
    }

    public synchronized void removeChangeSet(String id) {
        changeSets.remove(id);
    }

    private static Stack read(String json) {
        return Json.read(json.getBytes(StandardCharsets.UTF_8), Stack.class);
    }

    private static ChangeSet readChangeSet(String json) {
        return Json.read(json.getBytes(StandardCharsets.UTF_8), ChangeSet.class);
    }
}
