package dev.chatlab.localcloud.services.apigateway.common;

import dev.chatlab.localcloud.http.AwsRequest;
import java.util.ArrayList;
import java.util.List;

/** A control-plane path split into decoded segments ("/tags/arn%3Aaws..." keeps the ARN's slashes inside one segment). */
public record RestPath(List<String> segments) {

    public static RestPath of(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String raw : rawPath.split("/")) {
            if (!raw.isEmpty()) {
                segments.add(AwsRequest.decodePathSegment(raw));
            }
        }
        return new RestPath(segments);
    }

    public int size() {
        return segments.size();
    }

    public String get(int index) {
        return segments.get(index);
    }

    /** True when the path has exactly these segments, "*" matching any one. */
    public boolean is(String... pattern) {
        if (pattern.length != segments.size()) {
            return false;
        }
        for (int i = 0; i < pattern.length; i++) {
            if (!pattern[i].equals("*") && !pattern[i].equals(segments.get(i))) {
                return false;
            }
        }
        return true;
    }
}
