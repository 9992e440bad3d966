package dev.chatlab.labkit;

import java.util.Locale;

/**
 * Where the lab's resources live. A step never branches on this for its logic: only
 * labkit does, to point the SDK clients at the right endpoint with the right credentials.
 */
public enum Target {
    /** localcloud on this machine (the default): no account, no bill. */
    LOCAL,
    /** A real AWS account, through the default credential chain (--profile). */
    AWS;

    public static Target parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "local" -> LOCAL;
            case "aws" -> AWS;
            default -> throw new IllegalArgumentException("--target must be local or aws, not '" + value + "'");
        };
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
