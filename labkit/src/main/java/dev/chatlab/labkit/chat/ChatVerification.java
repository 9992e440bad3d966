package dev.chatlab.labkit.chat;

import dev.chatlab.labkit.Checks;
import dev.chatlab.labkit.Outcome;
import dev.chatlab.labkit.Text;

/**
 * A deployed chat tested as a visitor meets it, through its site's config.js alone: the URLs
 * there, two clients in a fresh room, the history with CORS, a malformed frame, the page in a
 * browser. What {@code lab verify URL} runs, and step 9's check on its stack's website.
 */
public final class ChatVerification {

    private ChatVerification() {
    }

    /** Adds the checks of {@code chat} to {@code checks}; {@code roomPrefix} names the fresh room ("verify-…"). */
    public static void check(Checks checks, ChatSite chat, String roomPrefix) {
        checks.check(Text.of("config.js names a REST and a WebSocket URL", "config.js가 REST 주소와 WebSocket 주소를 알려 줌"),
                () -> chat.mixedContent().map(Outcome::fail).orElseGet(() -> Outcome.pass(
                        Text.of("REST %s, WebSocket %s", "REST %s, WebSocket %s").with(chat.endpoints().restUrl(), chat.endpoints().webSocketUrl()))));
        // The browser loads the page while the clients test the APIs; its checks come after theirs.
        try (BrowserChecks browser = BrowserChecks.open(chat.page());
                RoomChecks members = RoomChecks.join(checks, chat.endpoints(), roomPrefix)) {
            members.checkDelivery();
            members.checkHistory(chat.page());
            members.checkMalformedFrame();
            browser.check(checks, members);
        }
    }
}
