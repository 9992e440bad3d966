package dev.chatlab.localcloud.services.dynamodb;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.services.dynamodb.expression.Condition;
import dev.chatlab.localcloud.services.dynamodb.expression.Operand;
import dev.chatlab.localcloud.services.dynamodb.model.AttributeValue;
import dev.chatlab.localcloud.services.dynamodb.model.SortableKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The slice of a sorted item map that a KeyConditionExpression selects: one partition, and
 * optionally a sort-key range ({@code =, <, <=, >, >=, BETWEEN, begins_with}). Anything else in
 * a key condition is refused with DynamoDB's messages.
 *
 * @param lower inclusive lower bound (ends in a LOWEST/HIGHEST marker, so inclusivity is moot)
 * @param upper inclusive upper bound
 */
record KeyRange(SortableKey lower, SortableKey upper) {

    static KeyRange of(Condition condition, String hashKey, String rangeKey, Map<String, String> types) {
        List<Condition> parts = new ArrayList<>();
        flatten(condition, parts);
        if (parts.size() > 2) {
            throw AwsException.validation("Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key");
        }
        AttributeValue hashValue = null;
        Object low = SortableKey.LOWEST;
        Object high = SortableKey.HIGHEST;
        Object lowTail = SortableKey.LOWEST;
        Object highTail = SortableKey.HIGHEST;
        boolean rangeSeen = false;
        for (Condition part : parts) {
            String attribute = keyAttribute(part);
            if (attribute.equals(hashKey)) {
                if (hashValue != null) {
                    throw AwsException.validation("Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key");
                }
                if (!(part instanceof Condition.Comparison c) || !c.operator().equals("=")) {
                    throw AwsException.validation("Query key condition not supported");
                }
                hashValue = typed(value(c.left(), c.right()), types.get(hashKey));
            } else if (attribute.equals(rangeKey)) {
                if (rangeSeen) {
                    throw AwsException.validation("Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key");
                }
                rangeSeen = true;
                String type = types.get(rangeKey);
                if (part instanceof Condition.Comparison c) {
                    boolean flipped = !(c.left() instanceof Operand.Path);
                    String operator = flipped ? flip(c.operator()) : c.operator();
                    AttributeValue v = typed(value(c.left(), c.right()), type);
                    switch (operator) {
                        case "=" -> {
                            low = v;
                            high = v;
                        }
                        case "<" -> {
                            high = v;
                            highTail = SortableKey.LOWEST;
                        }
                        case "<=" -> high = v;
                        case ">" -> {
                            low = v;
                            lowTail = SortableKey.HIGHEST;
                        }
                        case ">=" -> low = v;
                        default -> throw AwsException.validation("Unsupported operator on KeyConditionExpression: operator: " + c.operator());
                    }
                } else if (part instanceof Condition.Between b) {
                    low = typed(((Operand.Value) requireValue(b.low())).value(), type);
                    high = typed(((Operand.Value) requireValue(b.high())).value(), type);
                } else if (part instanceof Condition.Function f && f.name().equals("begins_with")) {
                    AttributeValue prefix = typed(((Operand.Value) requireValue(f.arguments().get(1))).value(), type);
                    if (prefix.type() == AttributeValue.Type.N) {
                        throw AwsException.validation("Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N");
                    }
                    low = prefix;
                    AttributeValue after = successor(prefix);
                    if (after != null) {
                        high = after;
                        highTail = SortableKey.LOWEST;
                    }
                } else {
                    throw AwsException.validation("Query key condition not supported");
                }
            } else {
                throw AwsException.validation("Query condition missed key schema element: " + hashKey);
            }
        }
        if (hashValue == null) {
            throw AwsException.validation("Query condition missed key schema element: " + hashKey);
        }
        SortableKey lower = low == SortableKey.LOWEST ? new SortableKey(hashValue, SortableKey.LOWEST) : new SortableKey(hashValue, low, lowTail);
        SortableKey upper = high == SortableKey.HIGHEST ? new SortableKey(hashValue, SortableKey.HIGHEST) : new SortableKey(hashValue, high, highTail);
        return new KeyRange(lower, upper);
    }

    private static void flatten(Condition condition, List<Condition> parts) {
        if (condition instanceof Condition.And and) {
            flatten(and.left(), parts);
            flatten(and.right(), parts);
        } else if (condition instanceof Condition.Or) {
            throw AwsException.validation("Invalid operator used in KeyConditionExpression: OR");
        } else if (condition instanceof Condition.Not) {
            throw AwsException.validation("Invalid operator used in KeyConditionExpression: NOT");
        } else if (condition instanceof Condition.In) {
            throw AwsException.validation("Invalid operator used in KeyConditionExpression: IN");
        } else if (condition instanceof Condition.Function f && !f.name().equals("begins_with")) {
            throw AwsException.validation("Invalid operator used in KeyConditionExpression: " + f.name());
        } else {
            parts.add(condition);
        }
    }

    /** The key attribute a single key condition is about. */
    private static String keyAttribute(Condition part) {
        Operand subject;
        if (part instanceof Condition.Comparison c) {
            subject = c.left() instanceof Operand.Path ? c.left() : c.right();
        } else if (part instanceof Condition.Between b) {
            subject = b.value();
        } else if (part instanceof Condition.Function f) {
            subject = f.arguments().get(0);
        } else {
            throw AwsException.validation("Query key condition not supported");
        }
        if (!(subject instanceof Operand.Path path)) {
            throw AwsException.validation("Invalid KeyConditionExpression: The key condition must reference a key attribute");
        }
        if (path.path().length() > 1) {
            throw AwsException.validation("KeyConditionExpressions cannot have conditions on nested attributes");
        }
        return path.path().attribute();
    }

    private static AttributeValue value(Operand left, Operand right) {
        Operand other = left instanceof Operand.Path ? right : left;
        return ((Operand.Value) requireValue(other)).value();
    }

    private static Operand requireValue(Operand operand) {
        if (!(operand instanceof Operand.Value)) {
            throw AwsException.validation("Invalid KeyConditionExpression: A key condition must compare a key attribute with a value");
        }
        return operand;
    }

    private static AttributeValue typed(AttributeValue value, String expectedType) {
        if (!value.type().name().equals(expectedType)) {
            throw AwsException.validation("One or more parameter values were invalid: Condition parameter type does not match schema type");
        }
        return value;
    }

    private static String flip(String operator) {
        return switch (operator) {
            case "<" -> ">";
            case "<=" -> ">=";
            case ">" -> "<";
            case ">=" -> "<=";
            default -> operator;
        };
    }

    /** The smallest value greater than every value that starts with {@code prefix}, or null if none. */
    static AttributeValue successor(AttributeValue prefix) {
        if (prefix.type() == AttributeValue.Type.S) {
            int[] codePoints = prefix.s().codePoints().toArray();
            for (int i = codePoints.length - 1; i >= 0; i--) {
                int next = codePoints[i] + 1;
                if (next >= 0xD800 && next <= 0xDFFF) {
                    next = 0xE000;
                }
                if (next <= Character.MAX_CODE_POINT) {
                    codePoints[i] = next;
                    return AttributeValue.s(new String(codePoints, 0, i + 1));
                }
            }
            return null;
        }
        byte[] bytes = prefix.b().clone();
        for (int i = bytes.length - 1; i >= 0; i--) {
            if ((bytes[i] & 0xFF) != 0xFF) {
                bytes[i]++;
                return AttributeValue.b(Arrays.copyOf(bytes, i + 1));
            }
        }
        return null;
    }
}
