package dev.chatlab.localcloud.services.dynamodb.expression;

import dev.chatlab.localcloud.services.dynamodb.model.AttributeValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Copies the parts of an item that a list of document paths names, keeping their nesting:
 * {@code a.b} gives {@code {a: {b: ...}}}, {@code l[1], l[3]} gives {@code {l: [l1, l3]}}.
 */
public final class Projection {

    private final Node root = new Node();

    public Projection(List<DocumentPath> paths) {
        for (DocumentPath path : paths) {
            Node node = root;
            for (Object step : path.elements()) {
                node = node.children.computeIfAbsent(step, k -> new Node());
            }
            node.whole = true;
        }
    }

    public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> result = new LinkedHashMap<>();
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            Node node = root.children.get(attribute.getKey());
            if (node != null) {
                AttributeValue projected = node.project(attribute.getValue());
                if (projected != null) {
                    result.put(attribute.getKey(), projected);
                }
            }
        }
        return result;
    }

    private static final class Node {
        final Map<Object, Node> children = new LinkedHashMap<>();
        boolean whole;

        AttributeValue project(AttributeValue value) {
            if (whole) {
                return value;
            }
            if (value.type() == AttributeValue.Type.M) {
                Map<String, AttributeValue> kept = new LinkedHashMap<>();
                value.m().forEach((name, child) -> {
                    Node node = children.get(name);
                    AttributeValue projected = node == null ? null : node.project(child);
                    if (projected != null) {
                        kept.put(name, projected);
                    }
                });
                return kept.isEmpty() ? null : AttributeValue.m(kept);
            }
            if (value.type() == AttributeValue.Type.L) {
                TreeMap<Integer, Node> byIndex = new TreeMap<>();
                children.forEach((step, node) -> {
                    if (step instanceof Integer index) {
                        byIndex.put(index, node);
                    }
                });
                List<AttributeValue> kept = new ArrayList<>();
                byIndex.forEach((index, node) -> {
                    if (index < value.l().size()) {
                        AttributeValue projected = node.project(value.l().get(index));
                        if (projected != null) {
                            kept.add(projected);
                        }
                    }
                });
                return kept.isEmpty() ? null : AttributeValue.l(kept);
            }
            return null;
        }
    }
}
