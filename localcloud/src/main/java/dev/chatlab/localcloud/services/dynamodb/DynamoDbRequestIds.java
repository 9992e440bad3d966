package dev.chatlab.localcloud.services.dynamodb;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids in DynamoDB's shape: 52 characters of {@code [0-9A-Z]} (other services answer
 * UUIDs), so that code or logs that parse them see what AWS sends. Drawn from
 * ThreadLocalRandom: an id names a request, it need not be unguessable.
 */
final class DynamoDbRequestIds {

    static final int LENGTH = 52;
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

    private DynamoDbRequestIds() {
    }

    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }
}
