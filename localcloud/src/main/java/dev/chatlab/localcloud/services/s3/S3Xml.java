package dev.chatlab.localcloud.services.s3;

import dev.chatlab.localcloud.core.XmlWriter;
import dev.chatlab.localcloud.protocol.AccountAndRegion;
import dev.chatlab.localcloud.services.s3.model.ObjectMetadata;
import dev.chatlab.localcloud.services.s3.model.WebsiteConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/** The shapes S3's XML answers share: timestamps, the owner, tag sets, website configuration. */
final class S3Xml {

    static final String NS = "http://s3.amazonaws.com/doc/2006-03-01/";
    /** The one account's canonical user id (S3 shows a 64-hex id where IAM shows 000000000000). */
    static final String OWNER_ID = HexFormat.of().formatHex(Checksums.digest("SHA-256", AccountAndRegion.ACCOUNT_ID.getBytes(StandardCharsets.UTF_8)));

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HTTP = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private S3Xml() {
    }

    static XmlWriter document(String root) {
        return XmlWriter.document(root, NS);
    }

    static String iso(long millis) {
        return ISO.format(Instant.ofEpochMilli(millis));
    }

    static String httpDate(long millis) {
        return HTTP.format(Instant.ofEpochMilli(millis));
    }

    static long parseHttpDate(String value) {
        return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
    }

    static XmlWriter owner(XmlWriter xml) {
        return xml.start("Owner").element("ID", OWNER_ID).end();
    }

    static XmlWriter tagSet(XmlWriter xml, Map<String, String> tags) {
        xml.start("TagSet");
        tags.forEach((key, value) -> xml.start("Tag").element("Key", key).element("Value", value).end());
        return xml.end();
    }

    static XmlWriter objectEntry(XmlWriter xml, ObjectMetadata object, String key, boolean withOwner) {
        xml.start("Contents")
                .element("Key", key)
                .element("LastModified", iso(object.lastModifiedMillis()))
                .element("ETag", object.quotedEtag());
        if (object.checksumAlgorithm() != null) {
            xml.element("ChecksumAlgorithm", object.checksumAlgorithm()).element("ChecksumType", "FULL_OBJECT");
        }
        xml.element("Size", object.size()).element("StorageClass", object.storageClass());
        if (withOwner) {
            owner(xml);
        }
        return xml.end();
    }

    static String website(WebsiteConfiguration website) {
        XmlWriter xml = document("WebsiteConfiguration");
        if (website.redirectAllRequestsTo() != null) {
            xml.start("RedirectAllRequestsTo")
                    .element("HostName", website.redirectAllRequestsTo().hostName())
                    .element("Protocol", website.redirectAllRequestsTo().protocol())
                    .end();
        }
        if (website.indexSuffix() != null) {
            xml.start("IndexDocument").element("Suffix", website.indexSuffix()).end();
        }
        if (website.errorKey() != null) {
            xml.start("ErrorDocument").element("Key", website.errorKey()).end();
        }
        if (!website.routingRules().isEmpty()) {
            xml.start("RoutingRules");
            for (WebsiteConfiguration.RoutingRule rule : website.routingRules()) {
                xml.start("RoutingRule");
                if (rule.hasCondition()) {
                    xml.start("Condition")
                            .element("KeyPrefixEquals", rule.keyPrefixEquals())
                            .element("HttpErrorCodeReturnedEquals", rule.httpErrorCodeReturnedEquals())
                            .end();
                }
                xml.start("Redirect")
                        .element("HostName", rule.hostName())
                        .element("HttpRedirectCode", rule.httpRedirectCode())
                        .element("Protocol", rule.protocol())
                        .element("ReplaceKeyPrefixWith", rule.replaceKeyPrefixWith())
                        .element("ReplaceKeyWith", rule.replaceKeyWith())
                        .end()
                        .end();
            }
            xml.end();
        }
        return xml.toString();
    }
}
