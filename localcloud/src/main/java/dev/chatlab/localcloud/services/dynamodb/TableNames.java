package dev.chatlab.localcloud.services.dynamodb;

import dev.chatlab.localcloud.core.AwsException;
import java.util.regex.Pattern;

/** DynamoDB's naming rule for tables and indexes: 3-255 characters of {@code [a-zA-Z0-9_.-]}. */
final class TableNames {

    private static final Pattern ALLOWED = Pattern.compile("[a-zA-Z0-9_.-]+");

    private TableNames() {
    }

    static void validate(String name, String wireName) {
        if (name.length() < 3 || name.length() > 255) {
            throw AwsException.validation("1 validation error detected: Value '" + name + "' at '" + wireName
                    + "' failed to satisfy constraint: Member must have length " + (name.length() < 3 ? "greater than or equal to 3" : "less than or equal to 255"));
        }
        if (!ALLOWED.matcher(name).matches()) {
            throw AwsException.validation("1 validation error detected: Value '" + name + "' at '" + wireName
                    + "' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        }
    }
}
