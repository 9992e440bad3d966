package dev.chatlab.localcloud.services.dynamodb.expression;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.services.dynamodb.model.AttributeValue;
import dev.chatlab.localcloud.services.dynamodb.model.Numbers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed update expression: its SET, REMOVE, ADD and DELETE actions. Every value is computed
 * from the item as it was before the update, as DynamoDB does; the result is a new item.
 */
public record UpdateExpression(List<SetAction> sets, List<DocumentPath> removes,
                               List<ValueAction> adds, List<ValueAction> deletes) {

    public record SetAction(DocumentPath path, Operand value) {
    }

    /** ADD or DELETE: a path and the value added to it or removed from it. */
    public record ValueAction(DocumentPath path, AttributeValue value) {
    }

    /** Every path this expression changes, in order: what UPDATED_OLD / UPDATED_NEW return. */
    public List<DocumentPath> paths() {
        List<DocumentPath> paths = new ArrayList<>();
        sets.forEach(s -> paths.add(s.path()));
        paths.addAll(removes);
        adds.forEach(a -> paths.add(a.path()));
        deletes.forEach(d -> paths.add(d.path()));
        return paths;
    }

    public Map<String, AttributeValue> apply(Map<String, AttributeValue> original) {
        List<AttributeValue> computed = new ArrayList<>();
        for (SetAction set : sets) {
            // SET a = b with no b is refused, as DynamoDB refuses it (not stored as a null)
            computed.add(Operand.required(set.value(), original));
        }
        AttributeValue root = AttributeValue.m(new LinkedHashMap<>(original));
        for (int i = 0; i < sets.size(); i++) {
            root = put(root, sets.get(i).path(), 0, computed.get(i));
        }
        // list elements removed from the back first, so each index still means the original element
        List<DocumentPath> removeOrder = new ArrayList<>(removes);
        removeOrder.sort(REMOVE_ORDER);
        for (DocumentPath path : removeOrder) {
            root = remove(root, path, 0);
        }
        for (ValueAction add : adds) {
            AttributeValue current = add.path().resolve(root.m());
            root = put(root, add.path(), 0, added(current, add.value()));
        }
        for (ValueAction delete : deletes) {
            AttributeValue current = delete.path().resolve(root.m());
            if (current == null) {
                continue;
            }
            AttributeValue remaining = withoutElements(current, delete.value());
            root = remaining == null ? remove(root, delete.path(), 0) : put(root, delete.path(), 0, remaining);
        }
        return root.m();
    }

    private static final Comparator<DocumentPath> REMOVE_ORDER = (a, b) -> {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            Object x = a.elements().get(i);
            Object y = b.elements().get(i);
            if (x instanceof Integer ix && y instanceof Integer iy && !ix.equals(iy)) {
                return Integer.compare(iy, ix);
            }
            if (!x.equals(y)) {
                return x.toString().compareTo(y.toString());
            }
        }
        return 0;
    };

    private static AttributeValue added(AttributeValue current, AttributeValue value) {
        if (current == null) {
            return value;
        }
        if (current.type() != value.type()) {
            throw AwsException.validation("An operand in the update expression has an incorrect data type");
        }
        if (value.type() == AttributeValue.Type.N) {
            return AttributeValue.n(Numbers.add(current.n(), value.n()));
        }
        List<Object> union = new ArrayList<>(current.setElements());
        List<AttributeValue> members = current.setMembers();
        List<AttributeValue> extra = value.setMembers();
        for (int i = 0; i < extra.size(); i++) {
            if (!members.contains(extra.get(i))) {
                union.add(value.setElements().get(i));
            }
        }
        return AttributeValue.set(current.type(), union);
    }

    private static AttributeValue withoutElements(AttributeValue current, AttributeValue value) {
        if (current.type() != value.type()) {
            throw AwsException.validation("An operand in the update expression has an incorrect data type");
        }
        List<AttributeValue> removed = value.setMembers();
        List<Object> kept = new ArrayList<>();
        List<AttributeValue> members = current.setMembers();
        for (int i = 0; i < members.size(); i++) {
            if (!removed.contains(members.get(i))) {
                kept.add(current.setElements().get(i));
            }
        }
        return kept.isEmpty() ? null : AttributeValue.set(current.type(), kept);
    }

    private static AttributeValue put(AttributeValue container, DocumentPath path, int depth, AttributeValue value) {
        Object step = path.elements().get(depth);
        boolean last = depth == path.length() - 1;
        if (step instanceof String name) {
            if (container.type() != AttributeValue.Type.M) {
                throw invalidPath();
            }
            Map<String, AttributeValue> copy = new LinkedHashMap<>(container.m());
            if (last) {
                copy.put(name, value);
            } else {
                AttributeValue child = copy.get(name);
                if (child == null) {
                    throw invalidPath();
                }
                copy.put(name, put(child, path, depth + 1, value));
            }
            return AttributeValue.m(copy);
        }
        int index = (Integer) step;
        if (container.type() != AttributeValue.Type.L) {
            throw invalidPath();
        }
        List<AttributeValue> copy = new ArrayList<>(container.l());
        if (last) {
            if (index >= copy.size()) {
                copy.add(value); // past the end: DynamoDB appends
            } else {
                copy.set(index, value);
            }
        } else {
            if (index >= copy.size()) {
                throw invalidPath();
            }
            copy.set(index, put(copy.get(index), path, depth + 1, value));
        }
        return AttributeValue.l(copy);
    }

    private static AttributeValue remove(AttributeValue container, DocumentPath path, int depth) {
        Object step = path.elements().get(depth);
        boolean last = depth == path.length() - 1;
        if (step instanceof String name) {
            if (container.type() != AttributeValue.Type.M || !container.m().containsKey(name)) {
                return container;
            }
            Map<String, AttributeValue> copy = new LinkedHashMap<>(container.m());
            if (last) {
                copy.remove(name);
            } else {
                copy.put(name, remove(copy.get(name), path, depth + 1));
            }
            return AttributeValue.m(copy);
        }
        int index = (Integer) step;
        if (container.type() != AttributeValue.Type.L || index >= container.l().size()) {
            return container;
        }
        List<AttributeValue> copy = new ArrayList<>(container.l());
        if (last) {
            copy.remove(index);
        } else {
            copy.set(index, remove(copy.get(index), path, depth + 1));
        }
        return AttributeValue.l(copy);
    }

    private static AwsException invalidPath() {
        return AwsException.validation("The document path provided in the update expression is invalid for update");
    }
}
