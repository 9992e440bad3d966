package dev.chatlab.localcloud.services.route53;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.services.route53.model.HostedZone;
import dev.chatlab.localcloud.services.route53.model.ResourceRecordSet;
import dev.chatlab.localcloud.services.route53.model.Tag;
import dev.chatlab.localcloud.storage.Documents;
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
    private final Documents<HostedZone> zones;
    /** Read by the DNS server for every query it answers: parsed once per change. */
    private final Documents<List<ResourceRecordSet>> recordSets;
    private final StoredMap<String, String> callerReferences;
    private final Documents<StoredChange> changes;
    private final Documents<List<Tag>> tags;

    Route53Store(Storage storage) {
        this.storage = storage;
        this.zones = storage.documents("route53.zones", HostedZone.class);
        this.recordSets = storage.documents("route53.recordsets", json -> List.copyOf(read(json, RECORD_SETS)), Json::write);
        this.callerReferences = storage.map("route53.callerreferences");
        this.changes = storage.documents("route53.changes", StoredChange.class);
        this.tags = storage.documents("route53.tags", json -> List.copyOf(read(json, TAGS)), Json::write);
    }

    Optional<HostedZone> zone(String id) {
        return zones.get(id);
    }

    List<HostedZone> zones() {
        return new ArrayList<>(zones.values().toList());
    }

    List<ResourceRecordSet> recordSets(String zoneId) {
        return recordSets.get(zoneId).orElse(List.of());
    }

    boolean callerReferenceUsed(String callerReference) {
        return callerReferences.containsKey(callerReference);
    }

    void createZone(HostedZone zone, List<ResourceRecordSet> initialRecordSets, StoredChange change) {
        storage.atomically(() -> {
            callerReferences.put(zone.callerReference(), zone.id());
            zones.put(zone.id(), zone);
            recordSets.put(zone.id(), initialRecordSets);
            changes.put(change.id(), change);
        });
    }

    void deleteZone(String zoneId, StoredChange change) {
        storage.atomically(() -> {
            zones.remove(zoneId);
            recordSets.remove(zoneId);
            tags.remove(zoneId);
            changes.put(change.id(), change);
        });
    }

    void replaceRecordSets(String zoneId, List<ResourceRecordSet> sets, StoredChange change) {
        storage.atomically(() -> {
            recordSets.put(zoneId, sets);
            changes.put(change.id(), change);
        });
    }

    Optional<StoredChange> change(String id) {
        return changes.get(id);
    }

    List<Tag> tags(String zoneId) {
        return tags.get(zoneId).orElse(List.of());
    }

    void replaceTags(String zoneId, List<Tag> zoneTags) {
        tags.put(zoneId, zoneTags);
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalStateException("stored Route53 JSON is unreadable", e);
        }
    }
}
