package dev.chatlab.localcloud.services.dynamodb.expression;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.services.dynamodb.model.AttributeValue;
import dev.chatlab.localcloud.services.dynamodb.model.Numbers;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Something an expression evaluates to a value: a path, a :value, or a function of those. */
public sealed interface Operand {

    /** The value in {@code item}, or null when it refers to a missing attribute. */
    AttributeValue evaluate(Map<String, AttributeValue> item);

    record Path(DocumentPath path) implements Operand {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            return path.resolve(item);
        }
    }

    record Value(String placeholder, AttributeValue value) implements Operand {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            return value;
        }
    }

    /** {@code size(path)}: string length, binary length, or number of elements. */
    record Size(DocumentPath path) implements Operand {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            AttributeValue value = path.resolve(item);
            if (value == null) {
                return null;
            }
            long size = switch (value.type()) {
                case S -> value.s().codePointCount(0, value.s().length());
                case B -> value.b().length;
                case SS, NS, BS -> value.setElements().size();
                case L -> value.l().size();
                case M -> value.m().size();
                default -> -1;
            };
            return size < 0 ? null : AttributeValue.n(BigDecimal.valueOf(size));
        }
    }

    /** {@code if_not_exists(path, operand)} in a SET action. */
    record IfNotExists(DocumentPath path, Operand fallback) implements Operand {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            AttributeValue value = path.resolve(item);
            return value != null ? value : required(fallback, item);
        }
    }

    /** {@code list_append(a, b)} in a SET action. */
    record ListAppend(Operand first, Operand second) implements Operand {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            AttributeValue a = required(first, item);
            AttributeValue b = required(second, item);
            if (a.type() != AttributeValue.Type.L || b.type() != AttributeValue.Type.L) {
                throw AwsException.validation("An operand in the update expression has an incorrect data type");
            }
            List<AttributeValue> joined = new ArrayList<>(a.l());
            joined.addAll(b.l());
            return AttributeValue.l(joined);
        }
    }

    /** {@code a + b} or {@code a - b} in a SET action: exact decimal arithmetic. */
    record Arithmetic(Operand left, boolean plus, Operand right) implements Operand {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            AttributeValue a = required(left, item);
            AttributeValue b = required(right, item);
            if (a.type() != AttributeValue.Type.N || b.type() != AttributeValue.Type.N) {
                throw AwsException.validation("An operand in the update expression has an incorrect data type");
            }
            return AttributeValue.n(plus ? Numbers.add(a.n(), b.n()) : Numbers.subtract(a.n(), b.n()));
        }
    }

    /** Update-expression operands must exist: DynamoDB refuses to compute with a missing attribute. */
    static AttributeValue required(Operand operand, Map<String, AttributeValue> item) {
        AttributeValue value = operand.evaluate(item);
        if (value == null) {
            throw AwsException.validation("The provided expression refers to an attribute that does not exist in the item");
        }
        return value;
    }
}
