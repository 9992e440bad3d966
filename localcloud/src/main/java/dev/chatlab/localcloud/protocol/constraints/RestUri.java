package dev.chatlab.localcloud.protocol.constraints;

import dev.chatlab.localcloud.http.AwsRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A REST operation's request URI template from its model ({@code /2015-03-31/functions/{FunctionName}/policy},
 * {@code /{Bucket}/{Key+}?uploads}): it tells which operation a request is and reads its path labels.
 */
record RestUri(List<String> segments, List<String> requiredQuery) {

    static RestUri of(String template) {
        int question = template.indexOf('?');
        String path = question < 0 ? template : template.substring(0, question);
        List<String> query = new ArrayList<>();
        if (question >= 0) {
            for (String pair : template.substring(question + 1).split("&")) {
                query.add(pair.split("=", 2)[0]);
            }
        }
        return new RestUri(segmentsOf(path), query);
    }

    /** The path labels of {@code request} when it matches this template. */
    Optional<Map<String, String>> match(AwsRequest request) {
        List<String> actual = segmentsOf(request.rawPath());
        Map<String, String> labels = new HashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String template = segments.get(i);
            if (template.endsWith("+}")) {
                if (i >= actual.size()) {
                    return Optional.empty();
                }
                labels.put(template.substring(1, template.length() - 2), AwsRequest.decodePathSegment(String.join("/", actual.subList(i, actual.size()))));
                return requiredQueryPresent(request) ? Optional.of(labels) : Optional.empty();
            }
            if (i >= actual.size()) {
                return Optional.empty();
            }
            String segment = AwsRequest.decodePathSegment(actual.get(i));
            if (template.startsWith("{")) {
                labels.put(template.substring(1, template.length() - 1), segment);
            } else if (!template.equals(segment)) {
                return Optional.empty();
            }
        }
        return segments.size() == actual.size() && requiredQueryPresent(request) ? Optional.of(labels) : Optional.empty();
    }

    /** How specific the template is: of two that match, the one with more literal segments is the operation. */
    long literals() {
        return segments.stream().filter(segment -> !segment.startsWith("{")).count() + requiredQuery.size();
    }

    private boolean requiredQueryPresent(AwsRequest request) {
        return requiredQuery.stream().allMatch(name -> request.queryParams().containsKey(name));
    }

    private static List<String> segmentsOf(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments;
    }
}
