package dev.chatlab.localcloud.services.cloudformation;

import dev.chatlab.localcloud.core.XmlWriter;
import dev.chatlab.localcloud.services.cloudformation.model.Stack;
import dev.chatlab.localcloud.services.cloudformation.model.StackEvent;
import dev.chatlab.localcloud.services.cloudformation.model.StackOutput;
import dev.chatlab.localcloud.services.cloudformation.model.StackParameter;
import dev.chatlab.localcloud.services.cloudformation.model.StackResource;
import java.util.List;
import java.util.Map;

/** CloudFormation's XML shapes (Stack, StackEvent, StackResource, ...), as the service model names their members. */
final class StackXml {

    private StackXml() {
    }

    static void stack(XmlWriter xml, Stack stack) {
        xml.start("member")
                .element("StackId", stack.stackId)
                .element("StackName", stack.stackName)
                .element("ChangeSetId", stack.changeSetId)
                .element("Description", stack.description);
        parameters(xml, stack.parameters);
        xml.element("CreationTime", stack.creationTime)
                .element("DeletionTime", stack.deletionTime)
                .element("LastUpdatedTime", stack.lastUpdatedTime)
                .element("StackStatus", stack.status)
                .element("StackStatusReason", stack.statusReason)
                .element("DisableRollback", stack.disableRollback)
                .start("NotificationARNs").end();
        strings(xml, "Capabilities", stack.capabilities);
        if (!stack.outputs.isEmpty()) {
            xml.start("Outputs");
            for (StackOutput output : stack.outputs) {
                xml.start("member").element("OutputKey", output.outputKey()).element("OutputValue", output.outputValue())
                        .element("Description", output.description()).element("ExportName", output.exportName()).end();
            }
            xml.end();
        }
        tags(xml, stack.tags);
        xml.element("EnableTerminationProtection", false)
                .start("DriftInformation").element("StackDriftStatus", "NOT_CHECKED").end()
                .end();
    }

    static void summary(XmlWriter xml, Stack stack) {
        xml.start("member")
                .element("StackId", stack.stackId)
                .element("StackName", stack.stackName)
                .element("TemplateDescription", stack.description)
                .element("CreationTime", stack.creationTime)
                .element("LastUpdatedTime", stack.lastUpdatedTime)
                .element("DeletionTime", stack.deletionTime)
                .element("StackStatus", stack.status)
                .element("StackStatusReason", stack.statusReason)
                .start("DriftInformation").element("StackDriftStatus", "NOT_CHECKED").end()
                .end();
    }

    static void parameters(XmlWriter xml, List<StackParameter> parameters) {
        if (parameters.isEmpty()) {
            return;
        }
        xml.start("Parameters");
        for (StackParameter parameter : parameters) {
            xml.start("member").element("ParameterKey", parameter.parameterKey()).element("ParameterValue", parameter.shownValue()).end();
        }
        xml.end();
    }

    static void event(XmlWriter xml, Stack stack, StackEvent event) {
        xml.start("member")
                .element("StackId", stack.stackId)
                .element("EventId", event.eventId())
                .element("StackName", stack.stackName)
                .element("LogicalResourceId", event.logicalResourceId())
                .element("PhysicalResourceId", event.physicalResourceId())
                .element("ResourceType", event.resourceType())
                .element("Timestamp", event.timestamp())
                .element("ResourceStatus", event.resourceStatus())
                .element("ResourceStatusReason", event.resourceStatusReason())
                .element("ResourceProperties", event.resourceProperties())
                .end();
    }

    /** StackResource (DescribeStackResources) and StackResourceDetail (DescribeStackResource) share these members. */
    static void resource(XmlWriter xml, Stack stack, StackResource resource, String timestampName) {
        xml.element("StackName", stack.stackName)
                .element("StackId", stack.stackId)
                .element("LogicalResourceId", resource.logicalResourceId())
                .element("PhysicalResourceId", resource.physicalResourceId())
                .element("ResourceType", resource.resourceType())
                .element(timestampName, resource.lastUpdatedTimestamp())
                .element("ResourceStatus", resource.resourceStatus())
                .element("ResourceStatusReason", resource.resourceStatusReason())
                .start("DriftInformation").element("StackResourceDriftStatus", "NOT_CHECKED").end();
    }

    static void resourceSummary(XmlWriter xml, StackResource resource) {
        xml.start("member")
                .element("LogicalResourceId", resource.logicalResourceId())
                .element("PhysicalResourceId", resource.physicalResourceId())
                .element("ResourceType", resource.resourceType())
                .element("LastUpdatedTimestamp", resource.lastUpdatedTimestamp())
                .element("ResourceStatus", resource.resourceStatus())
                .element("ResourceStatusReason", resource.resourceStatusReason())
                .start("DriftInformation").element("StackResourceDriftStatus", "NOT_CHECKED").end()
                .end();
    }

    static void tags(XmlWriter xml, Map<String, String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        xml.start("Tags");
        tags.forEach((key, value) -> xml.start("member").element("Key", key).element("Value", value).end());
        xml.end();
    }

    static void strings(XmlWriter xml, String name, List<String> values) {
        if (values == null || values.isEmpty()) {
            return;
        }
        xml.start(name);
        values.forEach(value -> xml.element("member", value));
        xml.end();
    }
}
