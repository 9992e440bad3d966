package dev.chatlab.localcloud.services.cloudformation;

import dev.chatlab.localcloud.core.XmlWriter;
import dev.chatlab.localcloud.services.cloudformation.model.ChangeSet;
import dev.chatlab.localcloud.services.cloudformation.model.ResourceChange;

/** DescribeChangeSet's and ListChangeSets' XML. */
final class ChangeSetXml {

    private ChangeSetXml() {
    }

    static void changeSet(XmlWriter xml, ChangeSet changeSet) {
        xml.element("ChangeSetName", changeSet.changeSetName())
                .element("ChangeSetId", changeSet.changeSetId())
                .element("StackId", changeSet.stackId())
                .element("StackName", changeSet.stackName())
                .element("Description", changeSet.description());
        if (!changeSet.parameters().isEmpty()) {
            xml.start("Parameters");
            changeSet.parameters().forEach((key, value) -> xml.start("member").element("ParameterKey", key).element("ParameterValue", value).end());
            xml.end();
        }
        xml.element("CreationTime", changeSet.creationTime())
                .element("ExecutionStatus", changeSet.executionStatus())
                .element("Status", changeSet.status())
                .element("StatusReason", changeSet.statusReason())
                .start("NotificationARNs").end();
        StackXml.strings(xml, "Capabilities", changeSet.capabilities());
        StackXml.tags(xml, changeSet.tags());
        xml.start("Changes");
        for (ResourceChange change : changeSet.changes()) {
            xml.start("member").element("Type", "Resource").start("ResourceChange")
                    .element("Action", change.action())
                    .element("LogicalResourceId", change.logicalResourceId())
                    .element("PhysicalResourceId", change.physicalResourceId())
                    .element("ResourceType", change.resourceType())
                    .element("Replacement", change.replacement());
            StackXml.strings(xml, "Scope", change.scope());
            xml.start("Details");
            for (ResourceChange.Detail detail : change.details()) {
                xml.start("member").start("Target").element("Attribute", "Properties").element("Name", detail.name())
                        .element("RequiresRecreation", detail.requiresRecreation()).end()
                        .element("Evaluation", detail.evaluation()).element("ChangeSource", detail.changeSource())
                        .element("CausingEntity", detail.causingEntity()).end();
            }
            xml.end().end().end();
        }
        xml.end().element("IncludeNestedStacks", false);
    }

    static void summary(XmlWriter xml, ChangeSet changeSet) {
        xml.start("member")
                .element("StackId", changeSet.stackId())
                .element("StackName", changeSet.stackName())
                .element("ChangeSetId", changeSet.changeSetId())
                .element("ChangeSetName", changeSet.changeSetName())
                .element("ExecutionStatus", changeSet.executionStatus())
                .element("Status", changeSet.status())
                .element("StatusReason", changeSet.statusReason())
                .element("CreationTime", changeSet.creationTime())
                .element("Description", changeSet.description())
                .element("IncludeNestedStacks", false)
                .end();
    }
}
