package dev.chatlab.chat;

import java.util.Optional;
import java.util.regex.Pattern;

/** PROTOCOL.md's rules for what clients send; each answers the reason a value is refused, if it is. */
public final class ChatRules {

    static final Pattern ROOM_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final int NICKNAME_MAX = 32;
    static final int TEXT_MAX = 2000;

    private ChatRules() {
    }

    public static Optional<String> roomIdProblem(String roomId) {
        if (roomId == null || !ROOM_ID.matcher(roomId).matches()) {
            return Optional.of("roomId must be 1-64 characters of A-Z a-z 0-9 _ -");
        }
        return Optional.empty();
    }

    public static Optional<String> nicknameProblem(String nickname) {
        String trimmed = nickname == null ? "" : nickname.trim();
        if (trimmed.isEmpty() || trimmed.codePointCount(0, trimmed.length()) > NICKNAME_MAX) {
            return Optional.of("nickname must be 1-32 characters");
        }
        if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
            return Optional.of("nickname must not contain control characters");
        }
        return Optional.empty();
    }

    public static Optional<String> textProblem(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty() || trimmed.codePointCount(0, trimmed.length()) > TEXT_MAX) {
            return Optional.of("text must be 1-2000 characters");
        }
        return Optional.empty();
    }
}
