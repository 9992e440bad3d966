package dev.chatlab.localcloud.protocol.sigv4;

import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.http.MalformedUri;
import dev.chatlab.localcloud.protocol.sigv4.SignatureFailure.Kind;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SigV4 authentication a request carries, in either of its two forms: the
 * {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...} header,
 * or a presigned URL's {@code X-Amz-Algorithm/Credential/Date/Expires/SignedHeaders/Signature} parameters.
 *
 * @param amzDate        the request's time as signed (yyyyMMdd'T'HHmmss'Z')
 * @param expiresSeconds a presigned URL's X-Amz-Expires; 0 for the header form
 */
public record SignedRequest(String accessKeyId, String scopeDate, String region, String service, List<String> signedHeaders,
                            String signature, String amzDate, boolean presigned, long expiresSeconds, Optional<String> securityToken) {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    /** S3 keeps presigned URLs to a week. */
    static final long MAX_EXPIRES_SECONDS = 7 * 24 * 3600;
    static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /**
     * The instant {@code amzDate} names. Every SDK request carries one, so the common form (16
     * characters, each field in its range) is read by hand, about a tenth of what {@link #AMZ_DATE}'s
     * parse costs; anything else goes to the formatter, which answers it as before.
     *
     * @throws DateTimeParseException when it is no date of that pattern
     */
    static Instant parseAmzDate(String amzDate) {
        if (amzDate.length() == 16 && amzDate.charAt(8) == 'T' && amzDate.charAt(15) == 'Z') {
            int year = digits(amzDate, 0, 4);
            int month = digits(amzDate, 4, 6);
            int day = digits(amzDate, 6, 8);
            int hour = digits(amzDate, 9, 11);
            int minute = digits(amzDate, 11, 13);
            int second = digits(amzDate, 13, 15);
            if (year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= 28 && hour >= 0 && hour <= 23
                    && minute >= 0 && minute <= 59 && second >= 0 && second <= 59) {
                return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
            }
        }
        return Instant.from(AMZ_DATE.parse(amzDate));
    }

    /** The number the ASCII digits {@code text[from, to)} spell, or -1 when one is no digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** {@code yyyyMMdd/region/service/aws4_request}: what the string to sign names after the date. */
    public String scope() {
        return scopeDate + "/" + region + "/" + service + "/aws4_request";
    }

    /**
     * The request's SigV4 authentication; empty for a request that carries none.
     *
     * @throws SignatureFailure for an Authorization header of another scheme (UNSUPPORTED_SCHEME) or
     *                          one that lacks a part (INCOMPLETE, MISSING_DATE, BAD_EXPIRY)
     */
    public static Optional<SignedRequest> of(AwsRequest request) {
        Optional<String> authorization = request.header("authorization");
        if (authorization.isPresent()) {
            return Optional.of(fromHeader(request, authorization.get().trim()));
        }
        Map<String, String> query = queryOf(request);
        if (query.containsKey("X-Amz-Algorithm") || query.containsKey("X-Amz-Credential") || query.containsKey("X-Amz-Signature")) {
            return Optional.of(fromQuery(query));
        }
        return Optional.empty();
    }

    /** A query that cannot be read carries no signature: the service it reaches says what is wrong with it. */
    private static Map<String, String> queryOf(AwsRequest request) {
        try {
            return request.queryParams();
        } catch (MalformedUri e) {
            return Map.of();
        }
    }

    private static SignedRequest fromHeader(AwsRequest request, String authorization) {
        if (!authorization.startsWith(ALGORITHM + " ")) {
            throw new SignatureFailure(Kind.UNSUPPORTED_SCHEME, false, requiredParts(List.of("Credential", "Signature", "SignedHeaders"))
                    + "Authorization=" + authorization).detail("Authorization", authorization);
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : authorization.substring(ALGORITHM.length()).split(",")) {
            String trimmed = part.trim();
            int equals = trimmed.indexOf('=');
            if (equals < 0) {
                throw new SignatureFailure(Kind.INCOMPLETE, false, "'" + trimmed + "' not a valid key=value pair (missing equal-sign) in Authorization header: '"
                        + authorization + "'.");
            }
            parts.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
        }
        List<String> missing = new ArrayList<>();
        for (String name : List.of("Credential", "Signature", "SignedHeaders")) {
            if (parts.getOrDefault(name, "").isEmpty()) {
                missing.add(name);
            }
        }
        Optional<String> amzDate = request.header("x-amz-date").or(() -> request.header("date").map(SignedRequest::fromHttpDate));
        if (!missing.isEmpty()) {
            String date = amzDate.isEmpty() ? DATE_REQUIRED : "";
            throw new SignatureFailure(Kind.INCOMPLETE, false, requiredParts(missing) + date + "Authorization=" + authorization);
        }
        if (amzDate.isEmpty()) {
            throw new SignatureFailure(Kind.MISSING_DATE, false, DATE_REQUIRED + "Authorization=" + authorization);
        }
        String[] credential = credential(parts.get("Credential"), false);
        return new SignedRequest(credential[0], credential[1], credential[2], credential[3], List.of(parts.get("SignedHeaders").split(";")),
                parts.get("Signature"), amzDate.get(), false, 0, request.header("x-amz-security-token"));
    }

    private static final String DATE_REQUIRED = "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";

    private static String requiredParts(List<String> names) {
        StringBuilder message = new StringBuilder();
        names.forEach(name -> message.append("Authorization header requires '").append(name).append("' parameter. "));
        return message.toString();
    }

    private static SignedRequest fromQuery(Map<String, String> query) {
        for (String name : List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-Date", "X-Amz-SignedHeaders", "X-Amz-Expires")) {
            if (query.getOrDefault(name, "").isEmpty()) {
                throw new SignatureFailure(Kind.INCOMPLETE, true, "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential,"
                        + " X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
            }
        }
        if (!ALGORITHM.equals(query.get("X-Amz-Algorithm"))) {
            throw new SignatureFailure(Kind.INCOMPLETE, true, "X-Amz-Algorithm only supports \"" + ALGORITHM + "\"");
        }
        String[] credential = credential(query.get("X-Amz-Credential"), true);
        return new SignedRequest(credential[0], credential[1], credential[2], credential[3], List.of(query.get("X-Amz-SignedHeaders").split(";")),
                query.get("X-Amz-Signature"), query.get("X-Amz-Date"), true, expires(query.get("X-Amz-Expires")),
                Optional.ofNullable(query.get("X-Amz-Security-Token")));
    }

    private static long expires(String value) {
        long seconds;
        try {
            seconds = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new SignatureFailure(Kind.BAD_EXPIRY, true, "X-Amz-Expires should be a number");
        }
        if (seconds < 0) {
            throw new SignatureFailure(Kind.BAD_EXPIRY, true, "X-Amz-Expires must be non-negative");
        }
        if (seconds > MAX_EXPIRES_SECONDS) {
            throw new SignatureFailure(Kind.BAD_EXPIRY, true, "X-Amz-Expires must be less than a week (in seconds) that is 604800");
        }
        return seconds;
    }

    /** key/yyyyMMdd/region/service/aws4_request, split: [key, date, region, service]. */
    private static String[] credential(String credential, boolean presigned) {
        String[] parts = credential.split("/", -1);
        if (parts.length != 5 || !"aws4_request".equals(parts[4]) || parts[0].isEmpty()) {
            String terminator = parts[parts.length - 1];
            throw new SignatureFailure(Kind.INCOMPLETE, presigned, "Credential should be scoped with a valid terminator: 'aws4_request', not '"
                    + terminator + "'. Credential=" + credential);
        }
        return parts;
    }

    /** The Date header (RFC 1123), in the form the string to sign takes; an unreadable one stays as sent (it will not match). */
    private static String fromHttpDate(String date) {
        try {
            return AMZ_DATE.format(ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME));
        } catch (DateTimeParseException e) {
            return date;
        }
    }
}
