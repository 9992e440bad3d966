package dev.chatlab.localcloud.services.lambda;

import dev.chatlab.localcloud.core.AwsException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The forms a FunctionName parameter takes: {@code my-function}, {@code my-function:qualifier},
 * {@code 123456789012:function:my-function} and the full ARN, with or without a qualifier.
 */
final class FunctionNames {

    private static final Pattern FORM = Pattern.compile(
            "(?:arn:aws[a-zA-Z-]*:lambda:([a-z]{2}(?:-gov)?-[a-z]+-\\d):)?(?:(\\d{12}):)?(?:function:)?([a-zA-Z0-9_-]+)(?::(\\$LATEST|[a-zA-Z0-9_-]+))?");
    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    /** A parsed FunctionName: the bare name and the qualifier (null when none). */
    record Parsed(String name, String qualifier) {
    }

    private FunctionNames() {
    }

    static Parsed parse(String value) {
        Matcher matcher = value == null ? null : FORM.matcher(value);
        if (matcher == null || value.length() > 170 || !matcher.matches()) {
            throw AwsException.validation("1 validation error detected: Value '" + value
                    + "' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?");
        }
        return new Parsed(matcher.group(3), matcher.group(4));
    }

    static String arn(String region, String account, String name) {
        return "arn:aws:lambda:" + region + ":" + account + ":function:" + name;
    }
}
