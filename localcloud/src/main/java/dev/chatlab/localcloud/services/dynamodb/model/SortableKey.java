package dev.chatlab.localcloud.services.dynamodb.model;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A position in a table's or an index's sorted item order: a row of key values compared
 * left to right, the way DynamoDB orders keys: S by the bytes of their UTF-8 form (which is
 * code point order), N by numeric value, B by unsigned bytes.
 *
 * <p>A table's key is (partition, sort); an index's is (index partition, index sort, table
 * partition, table sort), so that items with equal index keys stay distinct. A missing sort
 * key is {@link #ABSENT}; {@link #LOWEST} and {@link #HIGHEST} bound range scans.
 */
public final class SortableKey implements Comparable<SortableKey> {

    /** Sorts before every value. */
    public static final Object LOWEST = new Object() {
        @Override
        public String toString() {
            return "LOWEST";
        }
    };
    /** Sorts after every value. */
    public static final Object HIGHEST = new Object() {
        @Override
        public String toString() {
            return "HIGHEST";
        }
    };
    /** The sort key of a table (or index) that has none: equal to itself, between the bounds. */
    public static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "ABSENT";
        }
    };

    private final Object[] parts;
    private final int hash;

    /**
     * Each part is an AttributeValue of type S, N or B, a part of another SortableKey, or one
     * of the markers above. Values are turned into their comparable form once, here: strings
     * into UTF-8 bytes, so that every comparison in the sorted maps is a (vectorised) unsigned
     * byte comparison, which is exactly DynamoDB's order.
     */
    public SortableKey(Object... parts) {
        Object[] comparable = new Object[parts.length];
        for (int i = 0; i < parts.length; i++) {
            comparable[i] = parts[i] instanceof AttributeValue value ? new Component(value) : parts[i];
        }
        this.parts = comparable;
        this.hash = Arrays.hashCode(comparable);
    }

    /** A key value in comparable form: the bytes of an S (UTF-8) or B, or the number of an N. */
    private static final class Component implements Comparable<Component> {
        private final byte[] bytes;
        private final BigDecimal number;
        private final int hash;

        Component(AttributeValue value) {
            switch (value.type()) {
                case S -> {
                    bytes = value.s().getBytes(StandardCharsets.UTF_8);
                    number = null;
                }
                case B -> {
                    bytes = value.b();
                    number = null;
                }
                case N -> {
                    bytes = null;
                    number = value.n();
                }
                default -> throw new IllegalArgumentException("not a key type: " + value.type());
            }
            hash = bytes != null ? Arrays.hashCode(bytes) : number.stripTrailingZeros().hashCode();
        }

        @Override
        public int compareTo(Component other) {
            return bytes != null ? Arrays.compareUnsigned(bytes, other.bytes) : number.compareTo(other.number);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Component that && compareTo(that) == 0;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public String toString() {
            return bytes != null ? new String(bytes, StandardCharsets.UTF_8) : number.toPlainString();
        }
    }

    public Object part(int index) {
        return parts[index];
    }

    @Override
    public int compareTo(SortableKey other) {
        int n = Math.min(parts.length, other.parts.length);
        for (int i = 0; i < n; i++) {
            int c = comparePart(parts[i], other.parts[i]);
            if (c != 0) {
                return c;
            }
        }
        if (parts.length == other.parts.length) {
            return 0;
        }
        // a bound such as (partition, sort, LOWEST) sits just before every key that starts with
        // (partition, sort), whatever follows; (partition, sort, HIGHEST) just after them
        boolean thisLonger = parts.length > other.parts.length;
        Object extra = thisLonger ? parts[n] : other.parts[n];
        int longerVsShorter = extra == LOWEST ? -1 : 1;
        return thisLonger ? longerVsShorter : -longerVsShorter;
    }

    static int comparePart(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        if (a == LOWEST || b == HIGHEST) {
            return -1;
        }
        if (a == HIGHEST || b == LOWEST) {
            return 1;
        }
        if (a == ABSENT) {
            return -1;
        }
        if (b == ABSENT) {
            return 1;
        }
        return ((Component) a).compareTo((Component) b);
    }

    /** DynamoDB's order of two key values of the same type. */
    public static int compareValues(AttributeValue a, AttributeValue b) {
        return switch (a.type()) {
            case S -> compareStrings(a.s(), b.s());
            case N -> a.n().compareTo(b.n());
            case B -> Arrays.compareUnsigned(a.b(), b.b());
            default -> throw new IllegalArgumentException("not a key type: " + a.type());
        };
    }

    /**
     * UTF-8 byte order, which is code point order. Java's String.compareTo is UTF-16 order,
     * which differs only where a surrogate pair meets a character from U+E000 to U+FFFF; the
     * classic fix-up below moves surrogates above those characters.
     */
    public static int compareStrings(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                return codePointOrder(ca) - codePointOrder(cb);
            }
        }
        return a.length() - b.length();
    }

    private static int codePointOrder(char c) {
        if (c >= 0xE000) {
            return c - 0x800;
        }
        return c >= 0xD800 ? c + 0x2000 : c;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SortableKey that && Arrays.equals(parts, that.parts);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return Arrays.toString(parts);
    }
}
