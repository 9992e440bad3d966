package dev.chatlab.localcloud.services.s3;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.services.s3.model.S3Errors;
import java.util.LinkedHashMap;
import java.util.Map;

/** S3's tag sets: reading a {@code <Tagging>} body and the limits S3 enforces. */
public final class Tags {

    private Tags() {
    }

    /** Reads {@code <Tagging><TagSet><Tag><Key/><Value/></Tag>...}; a key given twice is InvalidTag. */
    public static Map<String, String> read(S3XmlReader tagging) {
        S3XmlReader tagSet = tagging.child("TagSet").orElseThrow(S3Errors::malformedXml);
        Map<String, String> tags = new LinkedHashMap<>();
        for (S3XmlReader tag : tagSet.children("Tag")) {
            String key = tag.text("Key");
            String value = tag.text("Value");
            if (key == null || value == null) {
                throw S3Errors.malformedXml();
            }
            if (tags.put(key, value) != null) {
                throw invalidTag("Cannot provide multiple Tags with the same key");
            }
        }
        return tags;
    }

    static void checkBucketTags(Map<String, String> tags, boolean fromCloudFormation) {
        if (tags.size() > 50) {
            throw invalidTag("Bucket tag count cannot be greater than 50");
        }
        check(tags, fromCloudFormation);
    }

    /** The x-amz-tagging header of PutObject: a URL query string, at most 10 tags. */
    public static Map<String, String> fromHeader(String header) {
        Map<String, String> tags = new LinkedHashMap<>(AwsRequest.parseForm(header));
        if (tags.size() > 10) {
            throw invalidTag("Object tags cannot be greater than 10");
        }
        check(tags, false);
        return tags;
    }

    /** Keys starting with aws: are AWS's own; only CloudFormation may put its aws:cloudformation:* ones. */
    private static void check(Map<String, String> tags, boolean fromCloudFormation) {
        tags.forEach((key, value) -> {
            if (key.isEmpty() || key.length() > 128) {
                throw invalidTag("The TagKey you have provided is invalid");
            }
            if (value.length() > 256) {
                throw invalidTag("The TagValue you have provided is invalid");
            }
            if (key.startsWith("aws:") && !(fromCloudFormation && key.startsWith("aws:cloudformation:"))) {
                throw invalidTag("Your TagKey cannot be prefixed with aws:");
            }
        });
    }

    private static AwsException invalidTag(String message) {
        return new AwsException("InvalidTag", 400, message);
    }
}
