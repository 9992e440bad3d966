package dev.chatlab.chat;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One message as ChatMessages stores it. The sort key "<13-digit epoch millis>#<messageId>"
 * sorts messages by time, and the id keeps two messages of the same millisecond apart.
 */
public record ChatMessage(String roomId, String messageId, String nickname, String text, long sentAt) {

    public String sortKey() {
        return String.format("%013d#%s", sentAt, messageId);
    }

    public Map<String, AttributeValue> toItem() {
        return Map.of(
                "roomId", AttributeValue.fromS(roomId),
                "sortKey", AttributeValue.fromS(sortKey()),
                "messageId", AttributeValue.fromS(messageId),
                "nickname", AttributeValue.fromS(nickname),
                "text", AttributeValue.fromS(text),
                "sentAt", AttributeValue.fromN(Long.toString(sentAt)));
    }

    public static ChatMessage fromItem(Map<String, AttributeValue> item) {
        return new ChatMessage(item.get("roomId").s(), item.get("messageId").s(), item.get("nickname").s(),
                item.get("text").s(), Long.parseLong(item.get("sentAt").n()));
    }
}
