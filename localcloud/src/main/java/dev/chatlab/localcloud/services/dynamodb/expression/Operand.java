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
            AttributeValue[] lists = requiredOfType(AttributeValue.Type.L, item, first, second);
            List<AttributeValue> joined = new ArrayList<>(lists[0].l());
            joined.addAll(lists[1].l());
            return AttributeValue.l(joined);
        }
    }

    /** {@code a + b} or {@code a - b} in a SET action: exact decimal arithmetic. */
    record Arithmetic(Operand left, boolean plus, Operand right) implements Operand {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            AttributeValue[] numbers = requiredOfType(AttributeValue.Type.N, item, left, right);
            BigDecimal a = numbers[0].n();
            BigDecimal b = numbers[1].n();
            return AttributeValue.n(plus ? Numbers.add(a, b) : Numbers.subtract(a, b));
        }
    }

    /** The values of update-expression operands that must all exist and have {@code type}. */
    static AttributeValue[] requiredOfType(AttributeValue.Type type, Map<String, AttributeValue> item, Operand... operands) {
        AttributeValue[] values = new AttributeValue[operands.length];
        for (int i = 0; i < operands.length; i++) {
            values[i] = required(operands[i], item);
            if (values[i].type() != type) {
                throw AwsException.validation("An operand in the update expression has an incorrect data type");
            }
        }
        return values;
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
