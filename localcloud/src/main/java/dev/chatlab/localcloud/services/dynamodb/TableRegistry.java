package dev.chatlab.localcloud.services.dynamodb;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.services.dynamodb.model.IndexDefinition;
import dev.chatlab.localcloud.services.dynamodb.model.TableDefinition;
import dev.chatlab.localcloud.storage.Storage;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.mvstore.MVMap;

/**
 * The tables of one localcloud: their definitions (in Storage map "dynamodb.tables") and items
 * (one Storage map per table, "dynamodb.items.NAME"), loaded back on start.
 *
 * <p>CreateTable answers CREATING, as on AWS. The table stays CREATING (and UPDATING after
 * UpdateTable) for {@link #TRANSITION_MILLIS} ms, which is 0 by default: the SDK's
 * {@code waitUntilTableExists} polls every 20 s, so any visible window would cost every
 * student 20 s per table for nothing. Set the system property to watch the waiter poll (the
 * tests do). The status is derived from the clock, so it needs no timer and survives a restart.
 */
final class TableRegistry {

    /** How long CREATING/UPDATING lasts; the system property {@code localcloud.dynamodb.transitionMillis} changes it. */
    static final long TRANSITION_MILLIS = Long.getLong("localcloud.dynamodb.transitionMillis", 0);

    private final Storage storage;
    private final Clock clock;
    private final MVMap<String, String> definitions;
    private final Map<String, TableItems> tables = new ConcurrentHashMap<>();

    TableRegistry(Storage storage, Clock clock) {
        this.storage = storage;
        this.clock = clock;
        this.definitions = storage.map("dynamodb.tables");
        for (String json : definitions.values()) {
            TableDefinition definition = Json.read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), TableDefinition.class);
            tables.put(definition.name(), new TableItems(definition, itemsMap(definition.name())));
        }
    }

    long now() {
        return clock.millis();
    }

    Storage storage() {
        return storage;
    }

    private MVMap<String, String> itemsMap(String tableName) {
        return storage.map("dynamodb.items." + tableName);
    }

    /** Adds a table; the caller has validated it. */
    synchronized TableItems create(TableDefinition definition) {
        if (tables.containsKey(definition.name())) {
            throw new AwsException("ResourceInUseException", 400, "Table already exists: " + definition.name());
        }
        TableItems table = new TableItems(definition, itemsMap(definition.name()));
        save(definition);
        tables.put(definition.name(), table);
        return table;
    }

    synchronized void save(TableDefinition definition) {
        definitions.put(definition.name(), Json.write(definition));
    }

    /** Replaces a table's definition (UpdateTable, tags, TTL). */
    void update(TableItems table, TableDefinition definition) {
        storage.atomically(() -> {
            table.setDefinition(definition);
            save(definition);
        });
    }

    synchronized void delete(TableItems table) {
        storage.atomically(() -> {
            tables.remove(table.definition().name());
            definitions.remove(table.definition().name());
            table.clear();
        });
    }

    /** A table in any state, for the control plane. */
    TableItems describe(String name) {
        TableItems table = name == null ? null : tables.get(name);
        if (table == null) {
            throw new AwsException("ResourceNotFoundException", 400, "Requested resource not found: Table: " + name + " not found");
        }
        return table;
    }

    /**
     * A table that reads and writes may use. AWS answers ResourceNotFoundException both for a
     * table that does not exist and for one that is not ACTIVE yet ("its status might not be
     * ACTIVE").
     */
    TableItems active(String name) {
        TableItems table = name == null ? null : tables.get(name);
        if (table == null || status(table.definition()).equals("CREATING")) {
            throw new AwsException("ResourceNotFoundException", 400, "Requested resource not found");
        }
        return table;
    }

    Optional<TableItems> byArn(String arn) {
        return tables.values().stream().filter(t -> t.definition().arn().equals(arn)).findFirst();
    }

    List<String> names() {
        return List.copyOf(new TreeMap<>(tables).keySet());
    }

    String status(TableDefinition table) {
        long now = now();
        if (now - table.createdAtMillis() < TRANSITION_MILLIS) {
            return "CREATING";
        }
        if (table.updatedAtMillis() > 0 && now - table.updatedAtMillis() < TRANSITION_MILLIS) {
            return "UPDATING";
        }
        return "ACTIVE";
    }

    String indexStatus(IndexDefinition index) {
        return now() - index.createdAtMillis() < TRANSITION_MILLIS ? "CREATING" : "ACTIVE";
    }
}
