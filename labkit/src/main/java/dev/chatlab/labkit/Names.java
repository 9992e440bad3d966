package dev.chatlab.labkit;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The names of everything the lab creates, derived from the prefix and the domain, so that
 * every step (and {@code lab teardown}) agrees on them without asking the cloud. Every name
 * is the prefix, a dash and the resource's own name ({@code chat-ab12cd-send-message}), so
 * that many students' labs share one AWS account without seeing each other's resources; no
 * own name ends in "-" followed by another one of the same kind, so that prefixes such as
 * {@code chat-ab} and {@code chat-ab-send} never name the same resource.
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
        return siteHost() != null ? siteHost() : prefixed("site");
    }

    public String lambdaRole() {
        return prefixed("lambda-role");
    }

    /** The role's inline policy (its name only needs to be unique within the role, but reads better prefixed in a shared account). */
    public String lambdaPolicy() {
        return prefixed("tables-and-connections");
    }

    /** PROTOCOL.md's ChatMessages table. */
    public String messagesTable() {
        return prefixed("ChatMessages");
    }

    /** PROTOCOL.md's ChatUsers table. */
    public String usersTable() {
        return prefixed("ChatUsers");
    }

    /** The four functions of PROTOCOL.md, by route. */
    public String connectFunction() {
        return prefixed("connect");
    }

    public String disconnectFunction() {
        return prefixed("disconnect");
    }

    public String sendMessageFunction() {
        return prefixed("send-message");
    }

    public String getMessagesFunction() {
        return prefixed("get-messages");
    }

    public List<String> functions() {
        return List.of(connectFunction(), disconnectFunction(), sendMessageFunction(), getMessagesFunction());
    }

    /**
     * The function a person means by {@code given}: one of the lab's four by its full name or
     * by its own name without the prefix ("send-message"); empty for anything else.
     */
    public Optional<String> function(String given) {
        return functions().stream().filter(f -> f.equals(given) || f.equals(prefixed(given))).findFirst();
    }

    /** The CloudWatch Logs group Lambda writes a function's output to. */
    public static String logGroup(String function) {
        return "/aws/lambda/" + function;
    }

    public String restApi() {
        return prefixed("chat-rest");
    }

    public String webSocketApi() {
        return prefixed("chat-ws");
    }

    /** Step 9's CloudFormation stack: a second chat, its resources named by CloudFormation after it. */
    public String stack() {
        return prefixed("serverless");
    }

    /**
     * Where step 9 uploads the functions' jar for its stack (what {@code sam deploy} calls its
     * artifacts bucket); the prefix makes it unique, as bucket names are across all of AWS.
     */
    public String artifactsBucket() {
        return prefixed("artifacts");
    }

    /** Step 9's website name inside the lab's hosted zone, or null when the lab has no domain. */
    public String stackSiteHost() {
        return settings.domain() == null ? null : "serverless." + settings.domain();
    }

    public String stage() {
        return "dev";
    }

    public Map<String, String> tags() {
        return Map.of(TAG_KEY, settings.prefix());
    }

    private String prefixed(String ownName) {
        return settings.prefix() + "-" + ownName;
    }
}
