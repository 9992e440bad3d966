package dev.chatlab.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatConfigTest {

    @Test
    void from_readsTheTablesAndTheCallbackUrl() {
        String callbackUrl = "https://abc123.execute-api.ap-northeast-2.amazonaws.com/dev";
        ChatConfig config = ChatConfig.from(Map.of("USERS_TABLE", "chat-ab12cd-ChatUsers",
                "MESSAGES_TABLE", "chat-ab12cd-ChatMessages", "WEBSOCKET_CALLBACK_URL", callbackUrl));
        assertEquals(new ChatConfig("chat-ab12cd-ChatUsers", "chat-ab12cd-ChatMessages", callbackUrl), config);
        assertEquals(callbackUrl, config.requireCallbackUrl());
    }

    @Test
    void from_withoutUsersTable_failsNamingTheVariable_insteadOfUsingASharedDefaultName() {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> ChatConfig.from(Map.of("MESSAGES_TABLE", "chat-ab12cd-ChatMessages")));
        assertTrue(missing.getMessage().startsWith("USERS_TABLE is not set"), missing.getMessage());
        assertTrue(missing.getMessage().contains("<prefix>-ChatUsers"), missing.getMessage());
    }

    @Test
    void from_withBlankMessagesTable_failsNamingTheVariable() {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> ChatConfig.from(Map.of("USERS_TABLE", "chat-ab12cd-ChatUsers", "MESSAGES_TABLE", " ")));
        assertTrue(missing.getMessage().startsWith("MESSAGES_TABLE is not set"), missing.getMessage());
    }

    @Test
    void from_withoutCallbackUrl_readsTheTables_andRequireCallbackUrlFailsNamingTheVariable() {
        ChatConfig config = ChatConfig.from(Map.of("USERS_TABLE", "chat-ab12cd-ChatUsers",
                "MESSAGES_TABLE", "chat-ab12cd-ChatMessages"));
        assertEquals("chat-ab12cd-ChatUsers", config.usersTable());
        IllegalStateException missing = assertThrows(IllegalStateException.class, config::requireCallbackUrl);
        assertTrue(missing.getMessage().startsWith("WEBSOCKET_CALLBACK_URL is not set"), missing.getMessage());
    }
}
