package dev.chatlab.localcloud.services.apigateway.rest.runtime;

import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.services.apigateway.rest.model.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the resource of a deployed tree that a request path names, the way API Gateway
 * prefers: a literal path part, then a {@code {variable}}, then a greedy {@code {proxy+}}
 * (which takes all remaining segments).
 */
final class ResourceMatcher {

    record Match(Resource resource, Map<String, String> pathParameters) {
    }

    private final Map<String, List<Resource>> children = new LinkedHashMap<>();
    private Resource root;

    ResourceMatcher(Map<String, Resource> resources) {
        for (Resource resource : resources.values()) {
            if (resource.parentId == null) {
                root = resource;
            } else {
                children.computeIfAbsent(resource.parentId, id -> new ArrayList<>()).add(resource);
            }
        }
    }

    /** The match for a raw path ("/rooms/general/messages"), or null. */
    Match match(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String raw : rawPath.split("/")) {
            if (!raw.isEmpty()) {
                segments.add(AwsRequest.decodePathSegment(raw));
            }
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        Resource found = root == null ? null : matchFrom(root, segments, 0, parameters);
        return found == null ? null : new Match(found, parameters);
    }

    private Resource matchFrom(Resource node, List<String> segments, int index, Map<String, String> parameters) {
        if (index == segments.size()) {
            return node;
        }
        List<Resource> candidates = children.getOrDefault(node.id, List.of());
        String segment = segments.get(index);
        for (Resource child : candidates) {
            if (!child.isVariable() && child.pathPart.equals(segment)) {
                Resource found = matchFrom(child, segments, index + 1, parameters);
                if (found != null) {
                    return found;
                }
            }
        }
        for (Resource child : candidates) {
            if (child.isVariable() && !child.isGreedy()) {
                parameters.put(child.variableName(), segment);
                Resource found = matchFrom(child, segments, index + 1, parameters);
                if (found != null) {
                    return found;
                }
                parameters.remove(child.variableName());
            }
        }
        for (Resource child : candidates) {
            if (child.isGreedy()) {
                parameters.put(child.variableName(), String.join("/", segments.subList(index, segments.size())));
                return child;
            }
        }
        return null;
    }
}
