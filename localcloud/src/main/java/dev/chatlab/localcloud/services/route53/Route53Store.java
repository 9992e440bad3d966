package dev.chatlab.localcloud.services.route53;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.services.route53.model.HostedZone;
import dev.chatlab.localcloud.services.route53.model.ResourceRecordSet;
import dev.chatlab.localcloud.services.route53.model.Tag;
import dev.chatlab.localcloud.storage.Storage;
import dev.chatlab.localcloud.storage.StoredMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Route53's state in {@link Storage}, as JSON: zones, each zone's record sets (one entry per
 * zone, so that a change batch is one write), the caller references ever used (AWS never
 * accepts one twice, not even after the zone is gone), changes, and tags.
 */
final class Route53Store {

    /** A submitted change: when, and with what comment. */
    record StoredChange(String id, long submittedAt, String comment) {
    }

    private static final TypeReference<List<ResourceRecordSet>> RECORD_SETS = new TypeReference<>() {
    };
    private static final TypeReference<List<Tag>> TAGS = new TypeReference<>() {
    };

    private final Storage storage;
    private final StoredMap<String, String> zones;
    private final StoredMap<String, String> recordSets;
    private final StoredMap<String, String> callerReferences;
    private final StoredMap<String, String> changes;
    private final StoredMap<String, String> tags;

    Route53Store(Storage storage) {
        this.storage = storage;
        this.zones = storage.map("route53.zones");
        this.recordSets = storage.map("route53.recordsets");
        this.callerReferences = storage.map("route53.callerreferences");
        this.changes = storage.map("route53.changes");
        this.tags = storage.map("route53.tags");
    }

    Optional<HostedZone> zone(String id) {
        return Optional.ofNullable(zones.get(id)).map(json -> read(json, HostedZone.class));
    }

    List<HostedZone> zones() {
        List<HostedZone> all = new ArrayList<>();
        zones.values().forEach(json -> all.add(read(json, HostedZone.class)));
        return all;
    }

    List<ResourceRecordSet> recordSets(String zoneId) {
        String json = recordSets.get(zoneId);
        return json == null ? List.of() : read(json, RECORD_SETS);
    }

    boolean callerReferenceUsed(String callerReference) {
        return callerReferences.containsKey(callerReference);
    }

    void createZone(HostedZone zone, List<ResourceRecordSet> initialRecordSets, StoredChange change) {
        storage.atomically(() -> {
            callerReferences.put(zone.callerReference(), zone.id());
            zones.put(zone.id(), Json.write(zone));
            recordSets.put(zone.id(), Json.write(initialRecordSets));
            changes.put(change.id(), Json.write(change));
        });
    }

    void deleteZone(String zoneId, StoredChange change) {
        storage.atomically(() -> {
            zones.remove(zoneId);
            recordSets.remove(zoneId);
            tags.remove(zoneId);
            changes.put(change.id(), Json.write(change));
        });
    }

    void replaceRecordSets(String zoneId, List<ResourceRecordSet> sets, StoredChange change) {
        storage.atomically(() -> {
            recordSets.put(zoneId, Json.write(sets));
            changes.put(change.id(), Json.write(change));
        });
    }

    Optional<StoredChange> change(String id) {
        return Optional.ofNullable(changes.get(id)).map(json -> read(json, StoredChange.class));
    }

    List<Tag> tags(String zoneId) {
        String json = tags.get(zoneId);
        return json == null ? List.of() : read(json, TAGS);
    }

    void replaceTags(String zoneId, List<Tag> zoneTags) {
        tags.put(zoneId, Json.write(zoneTags));
    }

    private static <T> T read(String json, Class<T> type) {
        return Json.read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), type);
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalStateException("stored Route53 JSON is unreadable", e);
        }
    }
}
