package dev.chatlab.localcloud.services.s3;

import dev.chatlab.localcloud.core.AwsException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A single byte range of a GET ({@code bytes=0-99}, {@code bytes=100-}, {@code bytes=-100}),
 * inclusive at both ends. As on S3, a header it cannot parse (or several ranges) is ignored
 * and the whole object is sent; a range that starts past the end is InvalidRange (416).
 */
public record ByteRange(long first, long last) {

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    public static Optional<ByteRange> parse(String header, long size) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher matcher = SINGLE.matcher(header.trim());
        if (!matcher.matches() || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
            return Optional.empty();
        }
        try {
            if (matcher.group(1).isEmpty()) {
                long suffix = Long.parseLong(matcher.group(2));
                if (suffix == 0 || size == 0) {
                    throw invalidRange(header, size);
                }
                return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long first = Long.parseLong(matcher.group(1));
            long last = matcher.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(matcher.group(2)), size - 1);
            if (!matcher.group(2).isEmpty() && Long.parseLong(matcher.group(2)) < first) {
                return Optional.empty(); // syntactically invalid: RFC 9110 says ignore it
            }
            if (first >= size) {
                throw invalidRange(header, size);
            }
            return Optional.of(new ByteRange(first, last));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** All of a body of {@code size} bytes (none: first 0, last -1). */
    public static ByteRange whole(long size) {
        return new ByteRange(0, size - 1);
    }

    public long length() {
        return last - first + 1;
    }

    public String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    private static AwsException invalidRange(String header, long size) {
        return new AwsException("InvalidRange", 416, "The requested range is not satisfiable")
                .withDetail("RangeRequested", header).withDetail("ActualObjectSize", String.valueOf(size));
    }
}
