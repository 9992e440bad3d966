package dev.chatlab.localcloud.services.route53;

import java.io.IOException;
import java.util.Optional;
import org.xbill.DNS.Address;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Record values in Route53's text form ({@code 192.0.2.1}, {@code 10 mail.lab.test},
 * {@code "v=spf1 -all"}): checked when a change is submitted, turned into wire-format
 * records (dnsjava) when the DNS server answers. Names inside values are absolute, as
 * Route53 reads them, with or without the trailing dot.
 */
public final class RecordData {

    private RecordData() {
    }

    /** Why Route53 would refuse {@code value} for a record of {@code type}, in its words; empty when it is valid. */
    public static Optional<String> problem(String type, String value) {
        if (value.isBlank()) {
            return Optional.of(fatal("RRDATAEmpty (Value is empty)", value));
        }
        switch (type) {
            case "A":
                if (value.trim().contains(" ")) {
                    return Optional.of(fatal("ARRDATANotSingleField (Value contains spaces)", value));
                }
                return Address.isDottedQuad(value.trim()) ? Optional.empty()
                        : Optional.of(fatal("ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address)", value));
            case "AAAA":
                return Address.toByteArray(value.trim(), Address.IPv6) != null ? Optional.empty()
                        : Optional.of(fatal("AAAARRDATAIllegalIPv6Address (Value is not a valid IPv6 address)", value));
            case "TXT":
            case "SPF":
                if (!value.trim().startsWith("\"") || !value.trim().endsWith("\"") || value.trim().length() < 2) {
                    return Optional.of(fatal("InvalidCharacterString (Value should be enclosed in quotation marks)", value));
                }
                break;
            default:
                break;
        }
        try {
            toRecord("check.invalid.", type, 300, value);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            if (String.valueOf(e.getMessage()).contains("too long")) {
                return Optional.of(fatal("CharacterStringTooLong (Value is too long)", value));
            }
            return Optional.of(fatal(type + "RRDATAIllegalValue (Value is not a valid " + type + " record value)", value));
        }
    }

    /** The wire-format record for one value; IllegalArgumentException when the value does not parse. */
    public static Record toRecord(String name, String type, long ttl, String value) {
        try {
            Name owner = Name.fromString(name);
            return Record.fromString(owner, Type.value(type), DClass.IN, ttl, value.trim(), Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static String fatal(String problem, String value) {
        return "Invalid Resource Record: 'FATAL problem: " + problem + " encountered with '" + value + "''";
    }
}
