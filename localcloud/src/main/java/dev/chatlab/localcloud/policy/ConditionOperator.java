package dev.chatlab.localcloud.policy;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * A condition operator as written in a policy, e.g. {@code ForAllValues:StringNotLikeIfExists}:
 * an optional set operator, the base comparison, whether it is negated, and whether it ends in
 * {@code IfExists}. {@link #parse} refuses names IAM does not know.
 */
record ConditionOperator(SetOperator set, Base base, boolean negated, boolean ifExists) {

    enum SetOperator { NONE, FOR_ANY_VALUE, FOR_ALL_VALUES }

    /** The positive comparisons; {@code matches(policyValue, requestValue)}. */
    enum Base {
        STRING_EQUALS(String::equals),
        STRING_EQUALS_IGNORE_CASE(String::equalsIgnoreCase),
        STRING_LIKE((pattern, value) -> Wildcard.matches(pattern, value, false)),
        NUMERIC_EQUALS((limit, value) -> compareNumbers(value, limit).map(c -> c == 0).orElse(false)),
        NUMERIC_LESS_THAN((limit, value) -> compareNumbers(value, limit).map(c -> c < 0).orElse(false)),
        NUMERIC_LESS_THAN_EQUALS((limit, value) -> compareNumbers(value, limit).map(c -> c <= 0).orElse(false)),
        NUMERIC_GREATER_THAN((limit, value) -> compareNumbers(value, limit).map(c -> c > 0).orElse(false)),
        NUMERIC_GREATER_THAN_EQUALS((limit, value) -> compareNumbers(value, limit).map(c -> c >= 0).orElse(false)),
        DATE_EQUALS((limit, value) -> compareDates(value, limit).map(c -> c == 0).orElse(false)),
        DATE_LESS_THAN((limit, value) -> compareDates(value, limit).map(c -> c < 0).orElse(false)),
        DATE_LESS_THAN_EQUALS((limit, value) -> compareDates(value, limit).map(c -> c <= 0).orElse(false)),
        DATE_GREATER_THAN((limit, value) -> compareDates(value, limit).map(c -> c > 0).orElse(false)),
        DATE_GREATER_THAN_EQUALS((limit, value) -> compareDates(value, limit).map(c -> c >= 0).orElse(false)),
        BOOL((expected, value) -> expected.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))),
        BINARY_EQUALS(ConditionOperator::binaryEquals),
        IP_ADDRESS(ConditionOperator::inCidr),
        /** ArnEquals and ArnLike are the same test: each of the six ARN parts, wildcards allowed. */
        ARN_LIKE(ConditionOperator::arnMatches),
        NULL((expected, value) -> false);

        private final BiPredicate<String, String> test;

        Base(BiPredicate<String, String> test) {
            this.test = test;
        }

        boolean matches(String policyValue, String requestValue) {
            return test.test(policyValue, requestValue);
        }
    }

    private record Named(Base base, boolean negated) {
    }

    private static final Map<String, Named> NAMES = Map.ofEntries(
            Map.entry("StringEquals", new Named(Base.STRING_EQUALS, false)),
            Map.entry("StringNotEquals", new Named(Base.STRING_EQUALS, true)),
            Map.entry("StringEqualsIgnoreCase", new Named(Base.STRING_EQUALS_IGNORE_CASE, false)),
            Map.entry("StringNotEqualsIgnoreCase", new Named(Base.STRING_EQUALS_IGNORE_CASE, true)),
            Map.entry("StringLike", new Named(Base.STRING_LIKE, false)),
            Map.entry("StringNotLike", new Named(Base.STRING_LIKE, true)),
            Map.entry("NumericEquals", new Named(Base.NUMERIC_EQUALS, false)),
            Map.entry("NumericNotEquals", new Named(Base.NUMERIC_EQUALS, true)),
            Map.entry("NumericLessThan", new Named(Base.NUMERIC_LESS_THAN, false)),
            Map.entry("NumericLessThanEquals", new Named(Base.NUMERIC_LESS_THAN_EQUALS, false)),
            Map.entry("NumericGreaterThan", new Named(Base.NUMERIC_GREATER_THAN, false)),
            Map.entry("NumericGreaterThanEquals", new Named(Base.NUMERIC_GREATER_THAN_EQUALS, false)),
            Map.entry("DateEquals", new Named(Base.DATE_EQUALS, false)),
            Map.entry("DateNotEquals", new Named(Base.DATE_EQUALS, true)),
            Map.entry("DateLessThan", new Named(Base.DATE_LESS_THAN, false)),
            Map.entry("DateLessThanEquals", new Named(Base.DATE_LESS_THAN_EQUALS, false)),
            Map.entry("DateGreaterThan", new Named(Base.DATE_GREATER_THAN, false)),
            Map.entry("DateGreaterThanEquals", new Named(Base.DATE_GREATER_THAN_EQUALS, false)),
            Map.entry("Bool", new Named(Base.BOOL, false)),
            Map.entry("BinaryEquals", new Named(Base.BINARY_EQUALS, false)),
            Map.entry("IpAddress", new Named(Base.IP_ADDRESS, false)),
            Map.entry("NotIpAddress", new Named(Base.IP_ADDRESS, true)),
            Map.entry("ArnEquals", new Named(Base.ARN_LIKE, false)),
            Map.entry("ArnLike", new Named(Base.ARN_LIKE, false)),
            Map.entry("ArnNotEquals", new Named(Base.ARN_LIKE, true)),
            Map.entry("ArnNotLike", new Named(Base.ARN_LIKE, true)),
            Map.entry("Null", new Named(Base.NULL, false)));

    private static final String IF_EXISTS = "IfExists";

    /** Parses an operator name; an unknown one is a malformed policy. */
    static ConditionOperator parse(String name) {
        SetOperator set = SetOperator.NONE;
        String rest = name;
        if (rest.startsWith("ForAnyValue:")) {
            set = SetOperator.FOR_ANY_VALUE;
            rest = rest.substring("ForAnyValue:".length());
        } else if (rest.startsWith("ForAllValues:")) {
            set = SetOperator.FOR_ALL_VALUES;
            rest = rest.substring("ForAllValues:".length());
        }
        boolean ifExists = rest.endsWith(IF_EXISTS) && !rest.equals("Null" + IF_EXISTS);
        if (ifExists) {
            rest = rest.substring(0, rest.length() - IF_EXISTS.length());
        }
        Named named = NAMES.get(rest);
        if (named == null || (named.base == Base.NULL && set != SetOperator.NONE)) {
            throw new MalformedPolicyException("Syntax errors in policy.");
        }
        return new ConditionOperator(set, named.base, named.negated, ifExists);
    }

    private static Optional<Integer> compareNumbers(String requestValue, String policyValue) {
        try {
            return Optional.of(new BigDecimal(requestValue.trim()).compareTo(new BigDecimal(policyValue.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Integer> compareDates(String requestValue, String policyValue) {
        Optional<Instant> request = parseDate(requestValue);
        Optional<Instant> policy = parseDate(policyValue);
        if (request.isEmpty() || policy.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(request.get().compareTo(policy.get()));
    }

    /**
     * The date forms IAM accepts: ISO 8601 date-times (with Z or an offset), plain ISO dates
     * (midnight UTC), and epoch seconds.
     */
    static Optional<Instant> parseDate(String text) {
        String value = text.trim();
        if (value.matches("-?\\d+")) {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(value)));
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException notOffsetDateTime) {
            try {
                return Optional.of(LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notDate) {
                try {
                    return Optional.of(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
                } catch (DateTimeParseException notLocal) {
                    return Optional.empty();
                }
            }
        }
    }

    private static boolean binaryEquals(String policyValue, String requestValue) {
        try {
            return Arrays.equals(Base64.getDecoder().decode(policyValue), Base64.getDecoder().decode(requestValue));
        } catch (IllegalArgumentException e) {
            return policyValue.equals(requestValue);
        }
    }

    /** True when {@code ip} lies in {@code cidr} ("203.0.113.0/24", "2001:db8::/32"; no prefix = one address). */
    static boolean inCidr(String cidr, String ip) {
        String[] parts = cidr.trim().split("/", 2);
        Optional<byte[]> network = ipBytes(parts[0]);
        Optional<byte[]> address = ipBytes(ip.trim());
        if (network.isEmpty() || address.isEmpty() || network.get().length != address.get().length) {
            return false;
        }
        int bits = network.get().length * 8;
        int prefix;
        try {
            prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
        } catch (NumberFormatException e) {
            return false;
        }
        if (prefix < 0 || prefix > bits) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((network.get()[bit / 8] & mask) != (address.get()[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** The bytes of an IP literal; never a DNS lookup (anything but hex digits, '.', ':' is refused). */
    private static Optional<byte[]> ipBytes(String literal) {
        if (literal.isEmpty() || !literal.matches("[0-9A-Fa-f.:]+")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(literal).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Each of the six colon-separated ARN parts is matched on its own, with * and ? wildcards. */
    static boolean arnMatches(String pattern, String arn) {
        String[] patternParts = pattern.split(":", 6);
        String[] arnParts = arn.split(":", 6);
        if (patternParts.length != 6 || arnParts.length != 6) {
            return pattern.equals(arn);
        }
        for (int i = 0; i < 6; i++) {
            if (!Wildcard.matches(patternParts[i], arnParts[i], false)) {
                return false;
            }
        }
        return true;
    }
}
