package dev.chatlab.localcloud.services.dynamodb;

import dev.chatlab.localcloud.config.Timing;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.services.dynamodb.model.IndexDefinition;
import dev.chatlab.localcloud.services.dynamodb.model.TableDefinition;
import dev.chatlab.localcloud.storage.Documents;
import dev.chatlab.localcloud.storage.Storage;
import dev.chatlab.localcloud.storage.StoredMap;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tables of one localcloud: their definitions (in Storage map "dynamodb.tables") and items
 * (one Storage map per table, "dynamodb.items.NAME"), loaded back on start.
 *
 * <p>Tables change state as on AWS, for the windows of the cloud's {@link Timing}: CreateTable
 * answers CREATING and the table stays CREATING for {@link Timing#tableCreating()} (reads and
 * writes are ResourceNotFoundException, as AWS answers for a table that is not ACTIVE), UPDATING
 * after UpdateTable, DELETING after DeleteTable (the name stays taken; reads and writes are
 * refused, which is stricter than AWS, which "might continue to accept" them). CREATING and
 * UPDATING are derived from the clock, so they need no timer and survive a restart; a DELETING
 * table is already gone from storage and only remembered here until its window ends.
 */
final class TableRegistry {

    private final Storage storage;
    private final Clock clock;
    private final Timing timing;
    private final Documents<TableDefinition> definitions;
    private final Map<String, TableItems> tables = new ConcurrentHashMap<>();
    /** Deleted tables still DELETING: the table as it was, by name, and when its window ends. */
    private final Map<String, Deleting> deleting = new ConcurrentHashMap<>();

    private record Deleting(TableItems table, long untilMillis) {
    }

    TableRegistry(Storage storage, Clock clock, Timing timing) {
        this.storage = storage;
        this.clock = clock;
        this.timing = timing;
        this.definitions = storage.documents("dynamodb.tables", TableDefinition.class);
        definitions.values().forEach(definition -> tables.put(definition.name(), newTable(definition)));
    }

    private TableItems newTable(TableDefinition definition) {
        return new TableItems(definition, itemsMap(definition.name()), new RecentWrites(clock, timing.staleReads()));
    }

    long now() {
        return clock.millis();
    }

    Storage storage() {
        return storage;
    }

    /**
     * A table's items as text, not {@link Documents}: read once at start into TableItems'
     * key-ordered TreeMaps, which are the indexes Query walks, not a parse cache.
     */
    private StoredMap<String, String> itemsMap(String tableName) {
        return storage.map("dynamodb.items." + tableName);
    }

    /** Adds a table; the caller has validated it. */
    synchronized TableItems create(TableDefinition definition) {
        if (tables.containsKey(definition.name())) {
            throw new AwsException("ResourceInUseException", 400, "Table already exists: " + definition.name());
        }
        if (stillDeleting(definition.name()).isPresent()) {
            throw new AwsException("ResourceInUseException", 400,
                    "Attempt to change a resource which is still in use: Table is being deleted: " + definition.name());
        }
        TableItems table = newTable(definition);
        save(definition);
        tables.put(definition.name(), table);
        return table;
    }

    synchronized void save(TableDefinition definition) {
        definitions.put(definition.name(), definition);
    }

    /** Replaces a table's definition (UpdateTable, tags, TTL). */
    void update(TableItems table, TableDefinition definition) {
        storage.atomically(() -> {
            table.setDefinition(definition);
            save(definition);
        });
    }

    /** Deletes the table now; it reads DELETING (and its name stays taken) for the timing's window. */
    synchronized void delete(TableItems table) {
        storage.atomically(() -> {
            tables.remove(table.definition().name());
            definitions.remove(table.definition().name());
            table.clear();
        });
        long until = now() + timing.tableDeleting().toMillis();
        if (until > now()) {
            deleting.put(table.definition().name(), new Deleting(table, until));
        }
    }

    /** The deleted table of that name while it is still DELETING. */
    private Optional<TableItems> stillDeleting(String name) {
        Deleting entry = name == null ? null : deleting.get(name);
        if (entry == null) {
            return Optional.empty();
        }
        if (now() >= entry.untilMillis()) {
            deleting.remove(name, entry);
            return Optional.empty();
        }
        return Optional.of(entry.table());
    }

    /** A table in any state (DELETING included), for the control plane. */
    TableItems describe(String name) {
        TableItems table = name == null ? null : tables.get(name);
        if (table == null) {
            table = stillDeleting(name).orElse(null);
        }
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

    /** Every table's name, DELETING ones included (as ListTables shows them on AWS). */
    List<String> names() {
        TreeSet<String> names = new TreeSet<>(tables.keySet());
        List.copyOf(deleting.keySet()).forEach(name -> stillDeleting(name).ifPresent(table -> names.add(name)));
        return List.copyOf(names);
    }

    String status(TableDefinition table) {
        long now = now();
        Deleting gone = deleting.get(table.name());
        if (gone != null && gone.table().definition().tableId().equals(table.tableId()) && now < gone.untilMillis()) {
            return "DELETING";
        }
        if (now - table.createdAtMillis() < timing.tableCreating().toMillis()) {
            return "CREATING";
        }
        if (table.updatedAtMillis() > 0 && now - table.updatedAtMillis() < timing.tableUpdating().toMillis()) {
            return "UPDATING";
        }
        return "ACTIVE";
    }

    /** A GSI is CREATING with its table, or after UpdateTable added it. */
    String indexStatus(TableDefinition table, IndexDefinition index) {
        String tableStatus = status(table);
        if (tableStatus.equals("CREATING") || tableStatus.equals("DELETING")) {
            return tableStatus;
        }
        return index.createdAtMillis() > 0 && now() - index.createdAtMillis() < timing.tableUpdating().toMillis() ? "CREATING" : "ACTIVE";
    }
}
