package dev.chatlab.chat;

import java.util.Map;

/**
 * The functions' configuration, from the environment variables the deploy step sets, read
 * once per instance. The same code runs on AWS and on localcloud: the SDK itself picks up
 * AWS_REGION, the credentials and (locally) AWS_ENDPOINT_URL from the environment Lambda sets.
 * A table name has no default: every student's tables carry their prefix, and a default name
 * would silently read and write a table that is not theirs.
 *
 * @param usersTable      USERS_TABLE, e.g. chat-ab12cd-ChatUsers
 * @param messagesTable   MESSAGES_TABLE, e.g. chat-ab12cd-ChatMessages
 * @param callbackUrl     WEBSOCKET_CALLBACK_URL: the @connections endpoint, https://{apiId}.execute-api.{region}.amazonaws.com/{stage}
 */
public record ChatConfig(String usersTable, String messagesTable, String callbackUrl) {

    public static final String USERS_TABLE = "USERS_TABLE";
    public static final String MESSAGES_TABLE = "MESSAGES_TABLE";
    public static final String WEBSOCKET_CALLBACK_URL = "WEBSOCKET_CALLBACK_URL";

    public static ChatConfig fromEnvironment() {
        return from(System.getenv());
    }

    /** @throws IllegalStateException when a table's variable is missing: the function then fails at start, in its log */
    static ChatConfig from(Map<String, String> environment) {
        return new ChatConfig(required(environment, USERS_TABLE), required(environment, MESSAGES_TABLE),
                environment.get(WEBSOCKET_CALLBACK_URL));
    }

    private static String required(Map<String, String> environment, String variable) {
        String value = environment.get(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(variable + " is not set: step 6 sets it to the table's name, <prefix>-"
                    + (variable.equals(USERS_TABLE) ? "ChatUsers" : "ChatMessages") + " (Lambda → the function → Configuration → Environment variables)");
        }
        return value;
    }
}
