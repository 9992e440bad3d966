package dev.chatlab.localcloud.services.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.services.dynamodb.expression.Condition;
import dev.chatlab.localcloud.services.dynamodb.expression.DocumentPath;
import dev.chatlab.localcloud.services.dynamodb.expression.ExpressionAttributes;
import dev.chatlab.localcloud.services.dynamodb.expression.ExpressionParser;
import dev.chatlab.localcloud.services.dynamodb.expression.Operand;
import dev.chatlab.localcloud.services.dynamodb.expression.Projection;
import dev.chatlab.localcloud.services.dynamodb.model.AttributeValue;
import dev.chatlab.localcloud.services.dynamodb.model.AttributeValueJson;
import dev.chatlab.localcloud.services.dynamodb.model.IndexDefinition;
import dev.chatlab.localcloud.services.dynamodb.model.SortableKey;
import dev.chatlab.localcloud.services.dynamodb.model.StoredItem;
import dev.chatlab.localcloud.services.dynamodb.model.TableDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Query and Scan. Both read items in key order up to Limit items or 1 MB, whichever comes
 * first, and only then apply the FilterExpression, exactly as DynamoDB does: a page may hold
 * fewer items than Limit (even none) and still have a LastEvaluatedKey.
 */
final class QueryAndScan {

    static final long MAX_PAGE_BYTES = 1024 * 1024;
    private static final Set<String> SELECTS = Set.of("ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT");

    private final TableRegistry tables;

    QueryAndScan(TableRegistry tables) {
        this.tables = tables;
    }

    /** What one Query or Scan reads from and how it shows each item. */
    private record Source(TableItems table, IndexDefinition index, NavigableMap<SortableKey, StoredItem> entries) {

        TableDefinition definition() {
            return table.definition();
        }

        /**
         * The item as this source holds it: an index holds only its projected attributes (an LSI
         * gives the whole item only when asked for ALL_ATTRIBUTES, as DynamoDB then reads the table).
         */
        Map<String, AttributeValue> visible(StoredItem item) {
            if (index == null || index.projectionType().equals("ALL")) {
                return item.attributes();
            }
            return indexProjection(item.attributes());
        }

        Map<String, AttributeValue> indexProjection(Map<String, AttributeValue> attributes) {
            Map<String, AttributeValue> kept = new LinkedHashMap<>();
            attributes.forEach((name, value) -> {
                if (definition().isKeyAttribute(name) || name.equals(index.hashKey()) || name.equals(index.rangeKey())
                        || index.nonKeyAttributes().contains(name)) {
                    kept.put(name, value);
                }
            });
            return kept;
        }

        Map<String, AttributeValue> lastEvaluatedKey(StoredItem item) {
            Map<String, AttributeValue> key = new LinkedHashMap<>(ItemRules.keyOf(item.attributes(), definition()));
            if (index != null) {
                key.put(index.hashKey(), item.attributes().get(index.hashKey()));
                if (index.rangeKey() != null) {
                    key.put(index.rangeKey(), item.attributes().get(index.rangeKey()));
                }
            }
            return key;
        }

        SortableKey startKey(Map<String, AttributeValue> exclusiveStart) {
            TableDefinition table = definition();
            List<String> needed = new ArrayList<>(List.of(table.hashKey()));
            if (table.rangeKey() != null) {
                needed.add(table.rangeKey());
            }
            if (index != null) {
                needed.add(index.hashKey());
                if (index.rangeKey() != null) {
                    needed.add(index.rangeKey());
                }
            }
            for (String attribute : needed) {
                AttributeValue value = exclusiveStart.get(attribute);
                if (value == null || !value.type().name().equals(table.attributeTypes().get(attribute))) {
                    throw invalidStartKey();
                }
            }
            // only key attributes: a start key copied from an item, with its other attributes, is refused too
            if (exclusiveStart.size() != new HashSet<>(needed).size()) {
                throw invalidStartKey();
            }
            return index == null ? this.table.key(exclusiveStart) : this.table.indexKey(index, exclusiveStart);
        }
    }

    private static AwsException invalidStartKey() {
        return AwsException.validation("The provided starting key is invalid: The provided key element does not match the schema");
    }

    private Source source(JsonNode request) {
        TableItems table = tables.active(Requests.tableName(request));
        String indexName = Json.text(request, "IndexName");
        if (indexName == null) {
            return new Source(table, null, table.items());
        }
        IndexDefinition index = table.definition().index(indexName)
                .orElseThrow(() -> AwsException.validation("The table does not have the specified index: " + indexName));
        if (index.global() && Requests.flag(request, "ConsistentRead")) {
            throw AwsException.validation("Consistent reads are not supported on global secondary indexes");
        }
        if (tables.indexStatus(table.definition(), index).equals("CREATING")) {
            throw AwsException.validation("Cannot read from backfilling global secondary index: " + indexName);
        }
        return new Source(table, index, table.index(indexName));
    }

    ObjectNode query(JsonNode request) {
        Source source = source(request);
        ExpressionAttributes attributes = Requests.expressionAttributes(request);
        Condition keyCondition = Requests.condition(request, ExpressionParser.KEY_CONDITION, "KeyConditions", attributes);
        if (keyCondition == null) {
            throw AwsException.validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        }
        Condition filter = Requests.condition(request, ExpressionParser.FILTER, "QueryFilter", attributes);
        Projection projection = ItemAccess.projection(request, attributes);
        attributes.requireAllUsed();
        TableDefinition table = source.definition();
        String hashKey = source.index() == null ? table.hashKey() : source.index().hashKey();
        String rangeKey = source.index() == null ? table.rangeKey() : source.index().rangeKey();
        if (filter != null) {
            for (DocumentPath path : paths(filter)) {
                if (path.attribute().equals(hashKey) || path.attribute().equals(rangeKey)) {
                    throw AwsException.validation("Filter Expression can only contain non-primary key attributes: Primary key attribute: " + path.attribute());
                }
            }
        }
        KeyRange range = KeyRange.of(keyCondition, hashKey, rangeKey, table.attributeTypes());
        boolean forward = !request.has("ScanIndexForward") || request.get("ScanIndexForward").asBoolean(true);
        Map<String, AttributeValue> exclusiveStart = Requests.item(request, "ExclusiveStartKey");
        SortableKey start = null;
        if (!exclusiveStart.isEmpty()) {
            start = source.startKey(exclusiveStart);
            if (start.compareTo(range.lower()) < 0 || start.compareTo(range.upper()) > 0) {
                throw AwsException.validation("The provided starting key is outside query boundaries based on provided conditions");
            }
        }
        SortableKey after = start;
        UnaryOperator<NavigableMap<SortableKey, StoredItem>> pageOf = entries -> {
            NavigableMap<SortableKey, StoredItem> slice = range.lower().compareTo(range.upper()) > 0
                    ? Collections.emptyNavigableMap()
                    : entries.subMap(range.lower(), true, range.upper(), true);
            if (after != null) {
                slice = forward ? slice.tailMap(after, false) : slice.headMap(after, false);
            }
            return forward ? slice : slice.descendingMap();
        };
        return source.table().reading(() -> page(request, source, read(request, source, pageOf, forward), filter, projection, -1, 0));
    }

    ObjectNode scan(JsonNode request) {
        Source source = source(request);
        ExpressionAttributes attributes = Requests.expressionAttributes(request);
        Condition filter = Requests.condition(request, ExpressionParser.FILTER, "ScanFilter", attributes);
        Projection projection = ItemAccess.projection(request, attributes);
        attributes.requireAllUsed();
        JsonNode segmentNode = request.get("Segment");
        JsonNode totalNode = request.get("TotalSegments");
        int segment = 0;
        int totalSegments = 1;
        if (totalNode != null && segmentNode == null) {
            throw AwsException.validation("The Segment parameter is required but was not present in the request when parameter TotalSegments is present");
        }
        if (segmentNode != null && totalNode == null) {
            throw AwsException.validation("The TotalSegments parameter is required but was not present in the request when Segment parameter is present");
        }
        if (totalNode != null) {
            totalSegments = totalNode.asInt();
            segment = segmentNode.asInt();
            // the model's ranges (1..1000000, 0..999999) were checked before the table was looked up
            if (segment < 0 || segment >= totalSegments) {
                throw AwsException.validation("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: "
                        + segment + " is out of bounds for TotalSegments: " + totalSegments);
            }
        }
        Map<String, AttributeValue> exclusiveStart = Requests.item(request, "ExclusiveStartKey");
        SortableKey start = exclusiveStart.isEmpty() ? null : source.startKey(exclusiveStart);
        UnaryOperator<NavigableMap<SortableKey, StoredItem>> pageOf = entries -> start == null ? entries : entries.tailMap(start, false);
        int segmentNumber = segment;
        int segments = totalSegments;
        return source.table().reading(() -> page(request, source, read(request, source, pageOf, true), filter, projection, segmentNumber, segments));
    }

    /**
     * The entries a Query or Scan walks, in its order: the source's, cut by {@code pageOf} (its
     * key range, start key and direction); for an eventually consistent read (every read of a
     * GSI, and any without ConsistentRead), the source as it was before its recent writes
     * ({@link TableItems#staleView}). Call inside {@link TableItems#reading}.
     */
    private static Iterator<Map.Entry<SortableKey, StoredItem>> read(JsonNode request, Source source,
            UnaryOperator<NavigableMap<SortableKey, StoredItem>> pageOf, boolean forward) {
        Iterator<Map.Entry<SortableKey, StoredItem>> now = pageOf.apply(source.entries()).entrySet().iterator();
        boolean consistent = Requests.flag(request, "ConsistentRead") && (source.index() == null || !source.index().global());
        TableItems.StaleView stale = consistent ? TableItems.StaleView.NONE : source.table().staleView(source.index());
        if (stale == TableItems.StaleView.NONE) {
            return now;
        }
        Iterator<Map.Entry<SortableKey, StoredItem>> current = new FilteringIterator(now, stale.hidden());
        Iterator<Map.Entry<SortableKey, StoredItem>> older = pageOf.apply(stale.older()).entrySet().iterator();
        Comparator<SortableKey> order = forward ? Comparator.naturalOrder() : Comparator.reverseOrder();
        return new MergingIterator(current, older, order);
    }

    /** The entries of {@code entries} whose key is not in {@code hidden}. */
    private static final class FilteringIterator implements Iterator<Map.Entry<SortableKey, StoredItem>> {
        private final Iterator<Map.Entry<SortableKey, StoredItem>> entries;
        private final Set<SortableKey> hidden;
        private Map.Entry<SortableKey, StoredItem> next;

        FilteringIterator(Iterator<Map.Entry<SortableKey, StoredItem>> entries, Set<SortableKey> hidden) {
            this.entries = entries;
            this.hidden = hidden;
        }

        @Override
        public boolean hasNext() {
            while (next == null && entries.hasNext()) {
                Map.Entry<SortableKey, StoredItem> candidate = entries.next();
                next = hidden.contains(candidate.getKey()) ? null : candidate;
            }
            return next != null;
        }

        @Override
        public Map.Entry<SortableKey, StoredItem> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Map.Entry<SortableKey, StoredItem> taken = next;
            next = null;
            return taken;
        }
    }

    /** Two iterators of distinct keys, each in {@code order}, merged into one in that order. */
    private static final class MergingIterator implements Iterator<Map.Entry<SortableKey, StoredItem>> {
        private final Iterator<Map.Entry<SortableKey, StoredItem>> left;
        private final Iterator<Map.Entry<SortableKey, StoredItem>> right;
        private final Comparator<SortableKey> order;
        private Map.Entry<SortableKey, StoredItem> leftHead;
        private Map.Entry<SortableKey, StoredItem> rightHead;

        MergingIterator(Iterator<Map.Entry<SortableKey, StoredItem>> left, Iterator<Map.Entry<SortableKey, StoredItem>> right,
                        Comparator<SortableKey> order) {
            this.left = left;
            this.right = right;
            this.order = order;
        }

        @Override
        public boolean hasNext() {
            if (leftHead == null && left.hasNext()) {
                leftHead = left.next();
            }
            if (rightHead == null && right.hasNext()) {
                rightHead = right.next();
            }
            return leftHead != null || rightHead != null;
        }

        @Override
        public Map.Entry<SortableKey, StoredItem> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Map.Entry<SortableKey, StoredItem> taken;
            if (rightHead == null || (leftHead != null && order.compare(leftHead.getKey(), rightHead.getKey()) < 0)) {
                taken = leftHead;
                leftHead = null;
            } else {
                taken = rightHead;
                rightHead = null;
            }
            return taken;
        }
    }

    private ObjectNode page(JsonNode request, Source source, Iterator<Map.Entry<SortableKey, StoredItem>> entries, Condition filter,
                            Projection projection, int segment, int totalSegments) {
        String select = Requests.choice(request, "Select", "select", null, SELECTS);
        if (select == null) {
            select = projection != null ? "SPECIFIC_ATTRIBUTES" : source.index() != null ? "ALL_PROJECTED_ATTRIBUTES" : "ALL_ATTRIBUTES";
        }
        validateSelect(select, source, projection);
        int limit = Integer.MAX_VALUE;
        if (request.hasNonNull("Limit")) {
            limit = request.get("Limit").asInt();
        }
        boolean countOnly = select.equals("COUNT");
        boolean fullItems = select.equals("ALL_ATTRIBUTES");
        ObjectNode response = Json.object();
        ArrayNode items = countOnly ? null : response.putArray("Items");
        int scanned = 0;
        int count = 0;
        long bytes = 0;
        StoredItem last = null;
        boolean more = false;
        while (entries.hasNext()) {
            Map.Entry<SortableKey, StoredItem> entry = entries.next();
            if (totalSegments > 1 && Math.floorMod(entry.getKey().part(0).hashCode(), totalSegments) != segment) {
                continue;
            }
            if (scanned >= limit || bytes >= MAX_PAGE_BYTES) {
                more = true;
                break;
            }
            StoredItem item = entry.getValue();
            scanned++;
            bytes += item.size();
            last = item;
            Map<String, AttributeValue> visible = fullItems ? item.attributes() : source.visible(item);
            if (filter != null && !filter.test(visible)) {
                continue;
            }
            count++;
            if (!countOnly) {
                if (projection != null) {
                    items.add(AttributeValueJson.writeItem(projection.apply(visible)));
                } else if (visible == item.attributes()) {
                    items.add(item.json());
                } else {
                    items.add(AttributeValueJson.writeItem(visible));
                }
            }
        }
        response.put("Count", count).put("ScannedCount", scanned);
        // DynamoDB stops at Limit without looking further, so it hands out a key even when nothing follows
        if (last != null && (more || scanned >= limit)) {
            response.set("LastEvaluatedKey", AttributeValueJson.writeItem(source.lastEvaluatedKey(last)));
        }
        ConsumedCapacity.add(response, request, source.definition().name(),
                ConsumedCapacity.readUnits(bytes, Requests.flag(request, "ConsistentRead")));
        return response;
    }

    private static void validateSelect(String select, Source source, Projection projection) {
        if (select.equals("SPECIFIC_ATTRIBUTES") && projection == null) {
            throw AwsException.validation("Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES");
        }
        if (!select.equals("SPECIFIC_ATTRIBUTES") && projection != null) {
            throw AwsException.validation("Cannot specify the ProjectionExpression when choosing to get " + select);
        }
        if (select.equals("ALL_PROJECTED_ATTRIBUTES") && source.index() == null) {
            throw AwsException.validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
        }
        if (select.equals("ALL_ATTRIBUTES") && source.index() != null && source.index().global()
                && !source.index().projectionType().equals("ALL")) {
            throw AwsException.validation("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index "
                    + source.index().name() + " because its projection type is not ALL");
        }
    }

    /** Every document path a condition reads. */
    private static List<DocumentPath> paths(Condition condition) {
        List<DocumentPath> paths = new ArrayList<>();
        collect(condition, paths);
        return paths;
    }

    private static void collect(Condition condition, List<DocumentPath> paths) {
        if (condition instanceof Condition.And and) {
            collect(and.left(), paths);
            collect(and.right(), paths);
        } else if (condition instanceof Condition.Or or) {
            collect(or.left(), paths);
            collect(or.right(), paths);
        } else if (condition instanceof Condition.Not not) {
            collect(not.inner(), paths);
        } else if (condition instanceof Condition.Comparison c) {
            collect(c.left(), paths);
            collect(c.right(), paths);
        } else if (condition instanceof Condition.Between b) {
            collect(b.value(), paths);
            collect(b.low(), paths);
            collect(b.high(), paths);
        } else if (condition instanceof Condition.In in) {
            collect(in.value(), paths);
            in.candidates().forEach(c -> collect(c, paths));
        } else if (condition instanceof Condition.Function f) {
            f.arguments().forEach(a -> collect(a, paths));
        }
    }

    private static void collect(Operand operand, List<DocumentPath> paths) {
        if (operand instanceof Operand.Path p) {
            paths.add(p.path());
        } else if (operand instanceof Operand.Size s) {
            paths.add(s.path());
        }
    }
}
