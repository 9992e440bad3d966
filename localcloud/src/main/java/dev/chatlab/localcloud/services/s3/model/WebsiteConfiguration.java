package dev.chatlab.localcloud.services.s3.model;

import java.util.List;

/**
 * A bucket's website configuration, member for member as PutBucketWebsite takes it, so that
 * GetBucketWebsite gives back what was put.
 *
 * @param indexSuffix           IndexDocument/Suffix ("index.html"); null with RedirectAllRequestsTo
 * @param errorKey              ErrorDocument/Key; null when absent
 * @param redirectAllRequestsTo null unless every request is redirected elsewhere
 * @param routingRules          RoutingRules, in order (the first that matches applies)
 */
public record WebsiteConfiguration(String indexSuffix, String errorKey, RedirectAll redirectAllRequestsTo,
                                   List<RoutingRule> routingRules) {

    public WebsiteConfiguration {
        routingRules = routingRules == null ? List.of() : List.copyOf(routingRules);
    }

    /** RedirectAllRequestsTo: HostName and an optional Protocol (http/https). */
    public record RedirectAll(String hostName, String protocol) {
    }

    /** One RoutingRule: an optional Condition and a Redirect. */
    public record RoutingRule(String keyPrefixEquals, String httpErrorCodeReturnedEquals,
                              String hostName, String httpRedirectCode, String protocol,
                              String replaceKeyPrefixWith, String replaceKeyWith) {

        public boolean hasCondition() {
            return keyPrefixEquals != null || httpErrorCodeReturnedEquals != null;
        }
    }
}
