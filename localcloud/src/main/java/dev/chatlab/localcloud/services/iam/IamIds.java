package dev.chatlab.localcloud.services.iam;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Random;

/**
 * The unique ids IAM and STS hand out, in AWS's formats: a four-letter prefix that names the kind
 * (AROA role, AIDA user, AGPA group, ANPA managed policy, AKIA access key, ASIA temporary access key) and upper-case letters and digits.
 */
public final class IamIds {

    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String BASE64ISH = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final SecureRandom RANDOM = new SecureRandom();

    private IamIds() {
    }

    /** A role id: AROA and 17 characters (21 in all). */
    public static String roleId() {
        return "AROA" + random(ALPHANUMERIC, 17);
    }

    /** A user id: AIDA and 17 characters. */
    public static String userId() {
        return "AIDA" + random(ALPHANUMERIC, 17);
    }

    /** A group id: AGPA and 17 characters. */
    public static String groupId() {
        return "AGPA" + random(ALPHANUMERIC, 17);
    }

    /** A user's long-term access key id: AKIA and 16 characters. */
    public static String accessKeyId() {
        return "AKIA" + random(ALPHANUMERIC, 16);
    }

    /** A managed policy id: ANPA and 17 characters. */
    public static String policyId() {
        return "ANPA" + random(ALPHANUMERIC, 17);
    }

    /** A temporary access key id: ASIA and 16 characters (20 in all, as every AWS access key id). */
    public static String temporaryAccessKeyId() {
        return "ASIA" + random(ALPHANUMERIC, 16);
    }

    /** A 40-character secret access key. */
    public static String secretAccessKey() {
        return random(BASE64ISH, 40);
    }

    /** An opaque session token (AWS's are a few hundred base64 characters). */
    public static String sessionToken() {
        return "IQoJb3JpZ2luX2VjE" + random(BASE64ISH, 340);
    }

    /** Now, as IAM writes dates: ISO 8601 in whole seconds ("2026-11-25T18:54:36Z"). */
    public static String timestamp(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A stable id for something that always exists (the AWS managed policies), from its name. */
    static String stableId(String prefix, String name) {
        StringBuilder id = new StringBuilder(prefix);
        long seed = name.hashCode() * 0x9E3779B97F4A7C15L;
        Random random = new Random(seed);
        for (int i = 0; i < 17; i++) {
            id.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return id.toString();
    }

    private static String random(String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
