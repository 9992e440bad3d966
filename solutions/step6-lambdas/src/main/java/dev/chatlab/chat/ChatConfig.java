package dev.chatlab.chat;

import java.util.Map;

/**
 * The functions' configuration, from the environment variables the deploy step sets, read
 * once per instance. The same code runs on AWS and on localcloud: the SDK itself picks up
 * AWS_REGION, the credentials and (locally) AWS_ENDPOINT_URL from the environment Lambda sets.
 * A table name has no default: every student's tables carry their prefix, and a default name
 * would silently read and write a table that is not theirs.
 *
 * @param usersTable    USERS_TABLE, e.g. chat-ab12cd-ChatUsers
 * @param messagesTable MESSAGES_TABLE, e.g. chat-ab12cd-ChatMessages
 * @param callbackUrl   WEBSOCKET_CALLBACK_URL, null when unset (only the send function needs it):
 *                      the @connections endpoint, https://{apiId}.execute-api.{region}.amazonaws.com/{stage}
 */
public record ChatConfig(String usersTable, String messagesTable, String callbackUrl) {

    public static final String USERS_TABLE = "USERS_TABLE";
    public static final String MESSAGES_TABLE = "MESSAGES_TABLE";
    public static final String WEBSOCKET_CALLBACK_URL = "WEBSOCKET_CALLBACK_URL";

    public static ChatConfig fromEnvironment() {
        return from(System.getenv());
    }

    /**
     * @throws IllegalStateException when a table's variable is missing or blank, naming it: the
     *                               function then fails at its start, in its log
     */
    static ChatConfig from(Map<String, String> environment) {
        String usersTable = required(environment, USERS_TABLE, "the users table's name, <prefix>-ChatUsers");
        String messagesTable = required(environment, MESSAGES_TABLE,
                "the messages table's name, <prefix>-ChatMessages");
        String callbackUrl = environment.get(WEBSOCKET_CALLBACK_URL);
        boolean unset = callbackUrl == null || callbackUrl.isBlank();
        return new ChatConfig(usersTable, messagesTable, unset ? null : callbackUrl);
    }

    /**
     * The @connections endpoint, for the function that posts to connections.
     *
     * @throws IllegalStateException when WEBSOCKET_CALLBACK_URL is missing or blank, naming it
     */
    public String requireCallbackUrl() {
        if (callbackUrl == null || callbackUrl.isBlank()) {
            throw notSet(WEBSOCKET_CALLBACK_URL, "the WebSocket API's URL with https and the stage, .../dev");
        }
        return callbackUrl;
    }

    private static String required(Map<String, String> environment, String variable, String whatStep6SetsItTo) {
        String value = environment.get(variable);
        if (value == null || value.isBlank()) {
            throw notSet(variable, whatStep6SetsItTo);
        }
        return value;
    }

    private static IllegalStateException notSet(String variable, String whatStep6SetsItTo) {
        return new IllegalStateException(variable + " is not set: step 6 sets it to " + whatStep6SetsItTo
                + " (Lambda → the function → Configuration → Environment variables)");
    }
}
