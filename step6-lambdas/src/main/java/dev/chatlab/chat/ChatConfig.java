package dev.chatlab.chat;

import java.util.Map;

/**
 * The functions' configuration, from the environment variables the deploy step sets, read
 * once per instance. The same code runs on AWS and on localcloud: the SDK itself picks up
 * AWS_REGION, the credentials and (locally) AWS_ENDPOINT_URL from the environment Lambda sets.
 *
 * @param usersTable      USERS_TABLE, e.g. ChatUsers
 * @param messagesTable   MESSAGES_TABLE, e.g. ChatMessages
 * @param callbackUrl     WEBSOCKET_CALLBACK_URL: the @connections endpoint, https://{apiId}.execute-api.{region}.amazonaws.com/{stage}
 */
public record ChatConfig(String usersTable, String messagesTable, String callbackUrl) {

    public static final String USERS_TABLE = "USERS_TABLE";
    public static final String MESSAGES_TABLE = "MESSAGES_TABLE";
    public static final String WEBSOCKET_CALLBACK_URL = "WEBSOCKET_CALLBACK_URL";

    public static ChatConfig fromEnvironment() {
        return from(System.getenv());
    }

    static ChatConfig from(Map<String, String> environment) {
        return new ChatConfig(environment.getOrDefault(USERS_TABLE, "ChatUsers"),
                environment.getOrDefault(MESSAGES_TABLE, "ChatMessages"),
                environment.get(WEBSOCKET_CALLBACK_URL));
    }
}
