package dev.chatlab.localcloud.services.s3;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.services.s3.model.S3Errors;
import dev.chatlab.localcloud.services.s3.model.WebsiteConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads and validates a PutBucketWebsite body the way S3 does. */
final class WebsiteConfigurations {

    private static final Set<String> MEMBERS = Set.of("RedirectAllRequestsTo", "IndexDocument", "ErrorDocument", "RoutingRules");

    /** S3's limit on the routing rules of one website configuration. */
    static final int MAX_ROUTING_RULES = 50;

    private WebsiteConfigurations() {
    }

    static WebsiteConfiguration read(byte[] body) {
        S3XmlReader xml = S3XmlReader.parse(body, "WebsiteConfiguration");
        if (!MEMBERS.containsAll(xml.childNames())) {
            throw S3Errors.malformedXml();
        }
        WebsiteConfiguration.RedirectAll redirectAll = xml.child("RedirectAllRequestsTo").map(redirect -> {
            String host = redirect.text("HostName");
            if (host == null || host.isBlank()) {
                throw S3Errors.malformedXml();
            }
            return new WebsiteConfiguration.RedirectAll(host.trim(), protocol(redirect.text("Protocol")));
        }).orElse(null);
        String suffix = xml.child("IndexDocument").map(index -> index.text("Suffix")).orElse(null);
        String errorKey = xml.child("ErrorDocument").map(error -> {
            String key = error.text("Key");
            if (key == null || key.isEmpty()) {
                throw S3Errors.invalidArgument("The ErrorDocument Key is not well formed", "ErrorDocument", key);
            }
            return key;
        }).orElse(null);
        List<WebsiteConfiguration.RoutingRule> rules = new ArrayList<>();
        xml.child("RoutingRules").ifPresent(list -> list.children("RoutingRule").forEach(rule -> rules.add(rule(rule))));
        if (rules.size() > MAX_ROUTING_RULES) {
            throw new AwsException("InvalidRequest", 400, rules.size() + " routing rules provided, the number of routing rules in a website configuration is limited to "
                    + MAX_ROUTING_RULES + ".");
        }
        if (redirectAll != null) {
            if (xml.childNames().size() > 1) {
                throw S3Errors.invalidArgument("RedirectAllRequestsTo cannot be provided in conjunction with other Routing Rules.",
                        "RedirectAllRequestsTo", "not empty");
            }
            return new WebsiteConfiguration(null, null, redirectAll, List.of());
        }
        if (xml.child("IndexDocument").isEmpty()) {
            throw S3Errors.invalidArgument("A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty",
                    "IndexDocument", "null");
        }
        if (suffix == null || suffix.isEmpty() || suffix.contains("/")) {
            throw S3Errors.invalidArgument("The IndexDocument Suffix is not well formed", "IndexDocument", suffix == null ? "" : suffix);
        }
        return new WebsiteConfiguration(suffix, errorKey, null, rules);
    }

    private static WebsiteConfiguration.RoutingRule rule(S3XmlReader rule) {
        S3XmlReader redirect = rule.child("Redirect").orElseThrow(S3Errors::malformedXml);
        String prefix = rule.child("Condition").map(c -> c.text("KeyPrefixEquals")).orElse(null);
        String errorCode = rule.child("Condition").map(c -> c.text("HttpErrorCodeReturnedEquals")).orElse(null);
        if (errorCode != null && !errorCode.matches("[45]\\d\\d")) {
            throw S3Errors.invalidArgument("The provided HTTP error code (" + errorCode + ") is not valid. Valid codes are 4XX or 5XX.",
                    "HttpErrorCodeReturnedEquals", errorCode);
        }
        String code = redirect.text("HttpRedirectCode");
        if (code != null && (!code.matches("3\\d\\d") || code.equals("300"))) {
            throw S3Errors.invalidArgument("The provided HTTP redirect code (" + code + ") is not valid. Valid codes are 3XX except 300.",
                    "HttpRedirectCode", code);
        }
        String replacePrefix = redirect.text("ReplaceKeyPrefixWith");
        String replaceKey = redirect.text("ReplaceKeyWith");
        if (replacePrefix != null && replaceKey != null) {
            throw S3Errors.invalidRequest("You can only define ReplaceKeyPrefix or ReplaceKey but not both.");
        }
        return new WebsiteConfiguration.RoutingRule(prefix, errorCode, redirect.text("HostName"), code,
                protocol(redirect.text("Protocol")), replacePrefix, replaceKey);
    }

    private static String protocol(String protocol) {
        if (protocol != null && !protocol.equals("http") && !protocol.equals("https")) {
            throw S3Errors.invalidArgument("Invalid protocol, protocol can be http or https. If not defined the protocol will be selected automatically.",
                    "Protocol", protocol);
        }
        return protocol;
    }
}
