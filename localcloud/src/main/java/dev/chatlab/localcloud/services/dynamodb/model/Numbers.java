package dev.chatlab.localcloud.services.dynamodb.model;

import dev.chatlab.localcloud.core.AwsException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * DynamoDB's number semantics: decimal, up to 38 significant digits, magnitudes from 1E-130
 * to 9.9999999999999999999999999999999999999E+125, exact comparison and arithmetic (never
 * rounded silently), and a normalised textual form without trailing zeros or exponent.
 */
public final class Numbers {

    public static final MathContext CONTEXT = new MathContext(38, RoundingMode.UNNECESSARY);
    private static final BigDecimal MAX = new BigDecimal("9.9999999999999999999999999999999999999E+125");
    private static final BigDecimal MIN_POSITIVE = new BigDecimal("1E-130");

    private Numbers() {
    }

    /** Parses and validates a number as sent on the wire. */
    public static BigDecimal parse(String text) {
        BigDecimal number;
        try {
            if (text == null || text.isBlank() || text.strip().length() != text.length()) {
                throw new NumberFormatException();
            }
            number = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw AwsException.validation("A value provided cannot be converted into a number");
        }
        return check(number);
    }

    /** Validates precision and magnitude, and normalises. */
    public static BigDecimal check(BigDecimal number) {
        BigDecimal normal = number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros();
        if (normal.precision() > 38) {
            throw AwsException.validation("Attempting to store more than 38 significant digits in a Number");
        }
        BigDecimal magnitude = normal.abs();
        if (magnitude.compareTo(MAX) > 0) {
            throw AwsException.validation("Number overflow. Attempting to store a number with magnitude larger than supported range");
        }
        if (normal.signum() != 0 && magnitude.compareTo(MIN_POSITIVE) < 0) {
            throw AwsException.validation("Number underflow. Attempting to store a number with magnitude smaller than supported range");
        }
        return normal;
    }

    /** Exact sum; a result that needs more than 38 digits is an error, as on DynamoDB. */
    public static BigDecimal add(BigDecimal a, BigDecimal b) {
        return exact(a.add(b));
    }

    public static BigDecimal subtract(BigDecimal a, BigDecimal b) {
        return exact(a.subtract(b));
    }

    private static BigDecimal exact(BigDecimal result) {
        try {
            return check(result.round(CONTEXT));
        } catch (ArithmeticException e) {
            throw AwsException.validation("Number overflow. Attempting to store a number with magnitude larger than supported range");
        }
    }

    /** The wire form: plain digits, no exponent, no trailing zeros ("1.50" → "1.5", "1E3" → "1000"). */
    public static String format(BigDecimal number) {
        return number.toPlainString();
    }

    /** Item-size rule for numbers: about one byte per two significant digits, plus one. */
    public static long size(BigDecimal number) {
        return (number.precision() + 1) / 2 + 1;
    }
}
