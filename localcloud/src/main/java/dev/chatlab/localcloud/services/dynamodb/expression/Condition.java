package dev.chatlab.localcloud.services.dynamodb.expression;

import dev.chatlab.localcloud.services.dynamodb.model.AttributeValue;
import dev.chatlab.localcloud.services.dynamodb.model.SortableKey;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A parsed condition, filter or key-condition expression: a predicate on an item. */
public sealed interface Condition {

    boolean test(Map<String, AttributeValue> item);

    record And(Condition left, Condition right) implements Condition {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            return left.test(item) && right.test(item);
        }
    }

    record Or(Condition left, Condition right) implements Condition {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            return left.test(item) || right.test(item);
        }
    }

    record Not(Condition inner) implements Condition {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            return !inner.test(item);
        }
    }

    /** {@code a = b}, {@code a <> b}, {@code a < b}, ... */
    record Comparison(Operand left, String operator, Operand right) implements Condition {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            AttributeValue a = left.evaluate(item);
            AttributeValue b = right.evaluate(item);
            if (a == null || b == null) {
                // a missing attribute equals nothing, so "<>" holds and every other comparison fails
                return operator.equals("<>");
            }
            return switch (operator) {
                case "=" -> a.equals(b);
                case "<>" -> !a.equals(b);
                default -> {
                    Integer order = order(a, b);
                    yield order != null && switch (operator) {
                        case "<" -> order < 0;
                        case "<=" -> order <= 0;
                        case ">" -> order > 0;
                        default -> order >= 0;
                    };
                }
            };
        }
    }

    record Between(Operand value, Operand low, Operand high) implements Condition {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            AttributeValue v = value.evaluate(item);
            AttributeValue lo = low.evaluate(item);
            AttributeValue hi = high.evaluate(item);
            if (v == null || lo == null || hi == null) {
                return false;
            }
            Integer fromLow = order(v, lo);
            Integer toHigh = order(v, hi);
            return fromLow != null && toHigh != null && fromLow >= 0 && toHigh <= 0;
        }
    }

    record In(Operand value, List<Operand> candidates) implements Condition {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            AttributeValue v = value.evaluate(item);
            return v != null && candidates.stream().anyMatch(c -> v.equals(c.evaluate(item)));
        }
    }

    /** attribute_exists, attribute_not_exists, attribute_type, begins_with, contains. */
    record Function(String name, List<Operand> arguments) implements Condition {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            AttributeValue first = arguments.get(0).evaluate(item);
            return switch (name) {
                case "attribute_exists" -> first != null;
                case "attribute_not_exists" -> first == null;
                case "attribute_type" -> first != null && first.type().name().equals(arguments.get(1).evaluate(item).s());
                case "begins_with" -> beginsWith(first, arguments.get(1).evaluate(item));
                case "contains" -> contains(first, arguments.get(1).evaluate(item));
                default -> throw new IllegalStateException("unknown function " + name);
            };
        }

        private static boolean beginsWith(AttributeValue value, AttributeValue prefix) {
            if (value == null || prefix == null || value.type() != prefix.type()) {
                return false;
            }
            if (value.type() == AttributeValue.Type.S) {
                return value.s().startsWith(prefix.s());
            }
            if (value.type() == AttributeValue.Type.B) {
                byte[] v = value.b();
                byte[] p = prefix.b();
                return v.length >= p.length && Arrays.equals(v, 0, p.length, p, 0, p.length);
            }
            return false;
        }

        private static boolean contains(AttributeValue value, AttributeValue operand) {
            if (value == null || operand == null) {
                return false;
            }
            return switch (value.type()) {
                case S -> operand.type() == AttributeValue.Type.S && value.s().contains(operand.s());
                case B -> operand.type() == AttributeValue.Type.B && indexOf(value.b(), operand.b()) >= 0;
                case SS, NS, BS -> operand.type() == value.type().elementType() && value.setMembers().contains(operand);
                case L -> value.l().contains(operand);
                default -> false;
            };
        }

        private static int indexOf(byte[] haystack, byte[] needle) {
            outer:
            for (int i = 0; i + needle.length <= haystack.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    /** The order of two values of the same ordered type (S, N, B), or null when they cannot be ordered. */
    static Integer order(AttributeValue a, AttributeValue b) {
        if (a.type() != b.type() || !a.type().isKeyType()) {
            return null;
        }
        return SortableKey.compareValues(a, b);
    }
}
