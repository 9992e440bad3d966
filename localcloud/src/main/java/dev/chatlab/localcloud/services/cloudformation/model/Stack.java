package dev.chatlab.localcloud.services.cloudformation.model;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stack: its template, parameters, resources, outputs and events, and its status. Changed
 * only inside {@code StackStore.update}, which writes it to storage; readers get copies.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class Stack {

    public String stackId;
    public String stackName;
    public String region;
    public String description;
    public String status;
    public String statusReason;
    public String creationTime;
    public String lastUpdatedTime;
    public String deletionTime;
    public boolean disableRollback;
    public String changeSetId;
    public List<String> capabilities = new ArrayList<>();
    public Map<String, String> tags = new LinkedHashMap<>();
    public List<StackParameter> parameters = new ArrayList<>();
    public List<StackOutput> outputs = new ArrayList<>();
    /** The template as the caller sent it. */
    public String templateBody;
    /** The template after its transforms (SAM), as JSON: what the resources were made from. */
    public String processedTemplate;
    public Map<String, StackResource> resources = new LinkedHashMap<>();
    /** Oldest first; DescribeStackEvents answers newest first. */
    public List<StackEvent> events = new ArrayList<>();

    public boolean inProgress() {
        return status.endsWith("_IN_PROGRESS");
    }

    public boolean deleted() {
        return "DELETE_COMPLETE".equals(status);
    }
}
