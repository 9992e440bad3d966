package dev.chatlab.localcloud.services.apigateway.common;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Predicate;

/** Ids in the shapes API Gateway gives them: lower-case letters and digits ("a1b2c3d4e5"), connection ids like "L0SM9cOFvHcCIhw=". */
public final class ApiGatewayIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private ApiGatewayIds() {
    }

    /** An id of {@code length} lower-case letters and digits: 10 for APIs, 6 for resources and deployments, 7 for routes. */
    public static String random(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    /** A random id of {@code length} characters that {@code taken} does not know yet. */
    public static String unused(Predicate<String> taken, int length) {
        String id;
        do {
            id = random(length);
        } while (taken.test(id));
        return id;
    }

    /**
     * An id in the shape of a WebSocket connection id or request id: 16 URL-safe base64
     * characters ending in '=' (11 random bytes), safe to put into an @connections URL.
     */
    public static String opaque() {
        byte[] bytes = new byte[11];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().encodeToString(bytes);
    }
}
