package dev.chatlab.labkit;

import java.util.Map;

/**
 * The names of everything the lab creates, derived from the prefix and the domain, so that
 * every step (and {@code lab teardown}) agrees on them without asking the cloud.
 */
public final class Names {

    /** The tag every taggable lab resource carries; teardown deletes what has it, nothing else. */
    public static final String TAG_KEY = "chatlab:prefix";

    private final LabSettings settings;

    public Names(LabSettings settings) {
        this.settings = settings;
    }

    public String prefix() {
        return settings.prefix();
    }

    /** The lab's domain (step 3's hosted zone), or null when the lab has none. */
    public String domain() {
        return settings.domain();
    }

    /** The chat's host name, "chat.&lt;domain&gt;", or null when the lab has no domain. */
    public String siteHost() {
        return settings.domain() == null ? null : "chat." + settings.domain();
    }

    /**
     * The website bucket. With a domain it must be named exactly like the host name, because
     * an S3 website answers a Route53 alias only for the bucket whose name is the Host header.
     */
    public String siteBucket() {
        return siteHost() != null ? siteHost() : settings.prefix() + "-site";
    }

    public String lambdaRole() {
        return settings.prefix() + "-lambda-role";
    }

    public String lambdaPolicy() {
        return "chat-tables-and-connections";
    }

    public String messagesTable() {
        return "ChatMessages";
    }

    public String usersTable() {
        return "ChatUsers";
    }

    /** The four functions of PROTOCOL.md, by route. */
    public String connectFunction() {
        return "chat-connect";
    }

    public String disconnectFunction() {
        return "chat-disconnect";
    }

    public String sendMessageFunction() {
        return "chat-send-message";
    }

    public String getMessagesFunction() {
        return "chat-get-messages";
    }

    public java.util.List<String> functions() {
        return java.util.List.of(connectFunction(), disconnectFunction(), sendMessageFunction(), getMessagesFunction());
    }

    public String restApi() {
        return settings.prefix() + "-chat-rest";
    }

    public String webSocketApi() {
        return settings.prefix() + "-chat-ws";
    }

    public String stage() {
        return "dev";
    }

    public Map<String, String> tags() {
        return Map.of(TAG_KEY, settings.prefix());
    }
}
