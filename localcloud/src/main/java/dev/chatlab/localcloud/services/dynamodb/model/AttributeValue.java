package dev.chatlab.localcloud.services.dynamodb.model;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One DynamoDB attribute value: a type and an immutable payload. Strings are Java strings,
 * numbers are normalised {@link BigDecimal}s (see {@link Numbers}), binaries are byte arrays,
 * maps keep their order of arrival, sets are lists without duplicates.
 */
public final class AttributeValue {

    /** The ten DynamoDB data types, named as on the wire. */
    public enum Type {
        S, N, B, BOOL, NULL, M, L, SS, NS, BS;

        /** True for the scalar types that a key attribute may have. */
        public boolean isKeyType() {
            return this == S || this == N || this == B;
        }

        public boolean isSet() {
            return this == SS || this == NS || this == BS;
        }

        /** The element type of a set type ({@code SS} holds {@code S}). */
        public Type elementType() {
            return switch (this) {
                case SS -> S;
                case NS -> N;
                case BS -> B;
                default -> throw new IllegalStateException(this + " is not a set");
            };
        }

        /** The set type whose elements have this type. */
        public Type setType() {
            return switch (this) {
                case S -> SS;
                case N -> NS;
                case B -> BS;
                default -> throw new IllegalStateException(this + " has no set type");
            };
        }
    }

    public static final AttributeValue NULL = new AttributeValue(Type.NULL, Boolean.TRUE);
    public static final AttributeValue TRUE = new AttributeValue(Type.BOOL, Boolean.TRUE);
    public static final AttributeValue FALSE = new AttributeValue(Type.BOOL, Boolean.FALSE);

    private final Type type;
    private final Object value;
    private int hash;

    private AttributeValue(Type type, Object value) {
        this.type = type;
        this.value = value;
    }

    public static AttributeValue s(String value) {
        return new AttributeValue(Type.S, value);
    }

    /** A number; the caller has already validated and normalised it through {@link Numbers}. */
    public static AttributeValue n(BigDecimal value) {
        return new AttributeValue(Type.N, value);
    }

    public static AttributeValue b(byte[] value) {
        return new AttributeValue(Type.B, value);
    }

    public static AttributeValue bool(boolean value) {
        return value ? TRUE : FALSE;
    }

    public static AttributeValue m(Map<String, AttributeValue> value) {
        return new AttributeValue(Type.M, Collections.unmodifiableMap(value));
    }

    public static AttributeValue l(List<AttributeValue> value) {
        return new AttributeValue(Type.L, Collections.unmodifiableList(value));
    }

    /** A set of the given type; elements are Strings, BigDecimals or byte arrays, without duplicates. */
    public static AttributeValue set(Type setType, List<?> elements) {
        if (!setType.isSet()) {
            throw new IllegalArgumentException(setType + " is not a set type");
        }
        return new AttributeValue(setType, Collections.unmodifiableList(elements));
    }

    public Type type() {
        return type;
    }

    public String s() {
        return (String) value;
    }

    public BigDecimal n() {
        return (BigDecimal) value;
    }

    public byte[] b() {
        return (byte[]) value;
    }

    public boolean bool() {
        return (Boolean) value;
    }

    @SuppressWarnings("unchecked")
    public Map<String, AttributeValue> m() {
        return (Map<String, AttributeValue>) value;
    }

    @SuppressWarnings("unchecked")
    public List<AttributeValue> l() {
        return (List<AttributeValue>) value;
    }

    /** The elements of a set: Strings (SS), BigDecimals (NS) or byte arrays (BS). */
    public List<?> setElements() {
        return (List<?>) value;
    }

    /** The elements of a set as attribute values of the element type. */
    public List<AttributeValue> setMembers() {
        Type element = type.elementType();
        return setElements().stream().map(e -> element == Type.S ? s((String) e)
                : element == Type.N ? n((BigDecimal) e) : b((byte[]) e)).toList();
    }

    /**
     * The size DynamoDB charges for this value (the item-size rules of the developer guide):
     * strings and binaries by their bytes, numbers by their significant digits, documents with
     * a few bytes of overhead per element.
     */
    public long size() {
        return switch (type) {
            case S -> utf8Length(s());
            case N -> Numbers.size(n());
            case B -> b().length;
            case BOOL, NULL -> 1;
            case SS -> setElements().stream().mapToLong(e -> utf8Length((String) e)).sum();
            case NS -> setElements().stream().mapToLong(e -> Numbers.size((BigDecimal) e)).sum();
            case BS -> setElements().stream().mapToLong(e -> ((byte[]) e).length).sum();
            case M -> 3 + m().entrySet().stream().mapToLong(e -> 1 + utf8Length(e.getKey()) + e.getValue().size()).sum();
            case L -> 3 + l().stream().mapToLong(e -> 1 + e.size()).sum();
        };
    }

    public static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** DynamoDB equality: numbers by value, sets regardless of order, binaries by content. */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof AttributeValue that) || that.type != type) {
            return false;
        }
        return switch (type) {
            case N -> n().compareTo(that.n()) == 0;
            case B -> Arrays.equals(b(), that.b());
            case SS, NS, BS -> setElements().size() == that.setElements().size()
                    && new HashSet<>(setMembers()).equals(new HashSet<>(that.setMembers()));
            default -> Objects.equals(value, that.value);
        };
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = switch (type) {
                case N -> n().stripTrailingZeros().hashCode();
                case B -> Arrays.hashCode(b());
                case SS, NS, BS -> new HashSet<>(setMembers()).hashCode();
                default -> Objects.hashCode(value);
            } * 31 + type.ordinal();
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        return switch (type) {
            case B -> "{B: " + b().length + " bytes}";
            case N -> "{N: " + n().toPlainString() + "}";
            case S -> "{S: " + new String(s().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8) + "}";
            default -> "{" + type + ": " + value + "}";
        };
    }
}
