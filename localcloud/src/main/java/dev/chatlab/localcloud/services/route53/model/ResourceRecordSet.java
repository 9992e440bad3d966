package dev.chatlab.localcloud.services.route53.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * One record set: every record of one name and type (simple routing only).
 *
 * @param name        lower-case, with the trailing dot
 * @param type        "A", "AAAA", "CNAME", ...
 * @param ttl         seconds; null for an alias
 * @param values      the record values in Route53's text form ("10 mail.lab.test.", "\"hello\""); empty for an alias
 * @param aliasTarget the alias target, or null for a plain record set
 */
public record ResourceRecordSet(String name, String type, Long ttl, List<String> values, AliasTarget aliasTarget) {

    public ResourceRecordSet {
        values = values == null ? List.of() : List.copyOf(values);
    }

    @JsonIgnore
    public boolean isAlias() {
        return aliasTarget != null;
    }

    /** True when this set answers for the same name and type as {@code other}. */
    public boolean sameKey(ResourceRecordSet other) {
        return name.equals(other.name) && type.equals(other.type);
    }
}
