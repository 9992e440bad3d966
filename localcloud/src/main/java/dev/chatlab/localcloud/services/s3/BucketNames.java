package dev.chatlab.localcloud.services.s3;

import dev.chatlab.localcloud.core.AwsException;
import java.util.List;
import java.util.regex.Pattern;

/** The naming rules for general purpose buckets, as the S3 User Guide lists them. */
public final class BucketNames {

    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
    private static final List<String> RESERVED_SUFFIXES = List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");

    private BucketNames() {
    }

    public static boolean isValid(String name) {
        return name != null
                && ALLOWED.matcher(name).matches()
                && !name.contains("..")
                && !IP_ADDRESS.matcher(name).matches()
                && RESERVED_PREFIXES.stream().noneMatch(name::startsWith)
                && RESERVED_SUFFIXES.stream().noneMatch(name::endsWith);
    }

    public static void check(String name) {
        if (!isValid(name)) {
            throw new AwsException("InvalidBucketName", 400, "The specified bucket is not valid.").withDetail("BucketName", name);
        }
    }
}
