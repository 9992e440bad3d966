package dev.chatlab.localcloud.services.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatlab.localcloud.core.XmlWriter;
import java.util.Map;
import java.util.Set;

/**
 * AWS::S3::Bucket through S3's REST API: CreateBucket in the stack's region, then its
 * PublicAccessBlockConfiguration, WebsiteConfiguration and Tags. Ref is the bucket's name.
 */
final class S3BucketProvider extends TypedProvider {

    private static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

    S3BucketProvider() {
        super("AWS::S3::Bucket", Set.of("BucketName", "ObjectLockEnabled"), Set.of("Arn", "DomainName", "DualStackDomainName", "RegionalDomainName", "WebsiteURL"));
    }

    @Override
    public Provisioned create(ResourceRequest request) {
        String bucket = request.nameOr("BucketName", 63, true);
        String configuration = request.region().equals("us-east-1") ? null
                : XmlWriter.document("CreateBucketConfiguration", NAMESPACE).element("LocationConstraint", request.region()).toString();
        request.calls().restXml("s3", "S3", "PUT", "/" + bucket, "", configuration);
        configure(request, bucket, true);
        String region = request.region();
        return Provisioned.of(bucket)
                .with("Arn", "arn:aws:s3:::" + bucket)
                .with("DomainName", bucket + ".s3.amazonaws.com")
                .with("DualStackDomainName", bucket + ".s3.dualstack." + region + ".amazonaws.com")
                .with("RegionalDomainName", bucket + ".s3." + region + ".amazonaws.com")
                .with("WebsiteURL", "http://" + bucket + ".s3-website." + region + ".amazonaws.com");
    }

    @Override
    public Provisioned update(ResourceRequest request, Provisioned current, JsonNode previousProperties) {
        configure(request, current.physicalId(), false);
        return current;
    }

    @Override
    public void delete(ResourceRequest request, Provisioned current) {
        request.calls().restXml("s3", "S3", "DELETE", "/" + current.physicalId(), "", null);
    }

    /** Each configuration the template gives is put; on an update, one it no longer gives is deleted. */
    private static void configure(ResourceRequest request, String bucket, boolean creating) {
        ServiceCalls s3 = request.calls();
        JsonNode block = request.properties().get("PublicAccessBlockConfiguration");
        if (block != null) {
            XmlWriter xml = XmlWriter.document("PublicAccessBlockConfiguration", NAMESPACE);
            for (String flag : new String[]{"BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"}) {
                xml.element(flag, block.path(flag).asBoolean(false));
            }
            s3.restXml("s3", "S3", "PUT", "/" + bucket, "publicAccessBlock", xml.toString());
        } else if (!creating) {
            s3.restXml("s3", "S3", "DELETE", "/" + bucket, "publicAccessBlock", null);
        }
        JsonNode website = request.properties().get("WebsiteConfiguration");
        if (website != null) {
            s3.restXml("s3", "S3", "PUT", "/" + bucket, "website", websiteXml(website));
        } else if (!creating) {
            s3.restXml("s3", "S3", "DELETE", "/" + bucket, "website", null);
        }
        Map<String, String> tags = request.tags("Tags");
        XmlWriter xml = XmlWriter.document("Tagging", NAMESPACE).start("TagSet");
        tags.forEach((key, value) -> xml.start("Tag").element("Key", key).element("Value", value).end());
        s3.restXml("s3", "S3", "PUT", "/" + bucket, "tagging", xml.end().toString());
    }

    private static String websiteXml(JsonNode website) {
        XmlWriter xml = XmlWriter.document("WebsiteConfiguration", NAMESPACE);
        JsonNode redirect = website.get("RedirectAllRequestsTo");
        if (redirect != null) {
            xml.start("RedirectAllRequestsTo").element("HostName", redirect.path("HostName").asText(null))
                    .element("Protocol", redirect.path("Protocol").asText(null)).end();
        }
        if (website.has("IndexDocument")) {
            xml.start("IndexDocument").element("Suffix", website.get("IndexDocument").asText()).end();
        }
        if (website.has("ErrorDocument")) {
            xml.start("ErrorDocument").element("Key", website.get("ErrorDocument").asText()).end();
        }
        JsonNode rules = website.get("RoutingRules");
        if (rules != null && rules.isArray()) {
            xml.start("RoutingRules");
            for (JsonNode rule : rules) {
                xml.start("RoutingRule");
                JsonNode condition = rule.get("RoutingRuleCondition");
                if (condition != null) {
                    xml.start("Condition").element("KeyPrefixEquals", condition.path("KeyPrefixEquals").asText(null))
                            .element("HttpErrorCodeReturnedEquals", condition.path("HttpErrorCodeReturnedEquals").asText(null)).end();
                }
                JsonNode target = rule.path("RedirectRule");
                xml.start("Redirect");
                for (String field : new String[]{"Protocol", "HostName", "ReplaceKeyPrefixWith", "ReplaceKeyWith", "HttpRedirectCode"}) {
                    xml.element(field, target.path(field).asText(null));
                }
                xml.end().end();
            }
            xml.end();
        }
        return xml.toString();
    }
}
