package dev.chatlab.localcloud.services.cloudformation;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.XmlWriter;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.http.AwsResponse;
import dev.chatlab.localcloud.protocol.AccountAndRegion;
import dev.chatlab.localcloud.protocol.CredentialScope;
import dev.chatlab.localcloud.protocol.constraints.InputValidator;
import dev.chatlab.localcloud.protocol.QueryParameters;
import dev.chatlab.localcloud.protocol.QueryProtocol;
import dev.chatlab.localcloud.protocol.query.QueryServiceHandler;
import dev.chatlab.localcloud.services.cloudformation.model.Stack;
import dev.chatlab.localcloud.services.cloudformation.model.StackEvent;
import dev.chatlab.localcloud.services.cloudformation.model.StackResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CloudFormation's query protocol ({@code Action=CreateStack&Version=2010-05-15&...}), answered in
 * its namespace. The region is the request's credential scope's, the caller its access key.
 */
public final class CloudFormationHandler extends QueryServiceHandler {

    public static final String NAMESPACE = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
    static final String VERSION = "2010-05-15";
    private static final Pattern STACK_NAME = Pattern.compile("[a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*");
    private static final Pattern CHANGE_SET_NAME = Pattern.compile("[a-zA-Z][-a-zA-Z0-9]*");

    private final CloudFormationService stacks;
    private final ChangeSetService changeSets;
    private final TemplateOperations templates;
    private final Map<String, QueryProtocol.Operation> operations = new LinkedHashMap<>();

    public CloudFormationHandler(CloudFormationService stacks, ChangeSetService changeSets) {
        super("cloudformation", NAMESPACE, INPUT);
        this.stacks = stacks;
        this.changeSets = changeSets;
        this.templates = new TemplateOperations(stacks, changeSets);
        operations.put("CreateStack", (p, xml, r) -> {
            String id = stacks.createStack(new CloudFormationService.CreateRequest(region(r), caller(r), stackName(p), body(p),
                    parameters(p), p.list("Capabilities"), tags(p), p.bool("DisableRollback"), p.optional("OnFailure").orElse(null)));
            QueryProtocol.result(xml, "CreateStack", () -> xml.element("StackId", id));
        });
        operations.put("UpdateStack", (p, xml, r) -> {
            String id = stacks.updateStack(new CloudFormationService.UpdateRequest(region(r), caller(r), stackName(p), body(p),
                    p.bool("UsePreviousTemplate"), parameters(p), previousValueKeys(p), p.list("Capabilities"), tags(p)));
            QueryProtocol.result(xml, "UpdateStack", () -> xml.element("StackId", id));
        });
        operations.put("DeleteStack", (p, xml, r) -> stacks.deleteStack(region(r), caller(r), stackName(p)));
        operations.put("DescribeStacks", (p, xml, r) -> {
            List<Stack> found = stacks.describeStacks(region(r), p.optional("StackName").orElse(null));
            QueryProtocol.result(xml, "DescribeStacks", () -> {
                xml.start("Stacks");
                found.forEach(stack -> StackXml.stack(xml, stack));
                xml.end();
            });
        });
        operations.put("ListStacks", (p, xml, r) -> {
            List<Stack> found = stacks.listStacks(region(r), p.list("StackStatusFilter"));
            QueryProtocol.result(xml, "ListStacks", () -> {
                xml.start("StackSummaries");
                found.forEach(stack -> StackXml.summary(xml, stack));
                xml.end();
            });
        });
        operations.put("DescribeStackEvents", (p, xml, r) -> {
            Stack stack = stacks.stack(region(r), p.required("StackName"));
            List<StackEvent> events = stacks.events(region(r), stack.stackId);
            QueryProtocol.result(xml, "DescribeStackEvents", () -> {
                xml.start("StackEvents");
                events.forEach(event -> StackXml.event(xml, stack, event));
                xml.end();
            });
        });
        operations.put("DescribeStackResources", (p, xml, r) -> describeStackResources(p, xml, r));
        operations.put("ListStackResources", (p, xml, r) -> {
            Stack stack = stacks.stack(region(r), p.required("StackName"));
            QueryProtocol.result(xml, "ListStackResources", () -> {
                xml.start("StackResourceSummaries");
                stack.resources.values().forEach(resource -> StackXml.resourceSummary(xml, resource));
                xml.end();
            });
        });
        operations.put("DescribeStackResource", (p, xml, r) -> {
            Stack stack = stacks.stack(region(r), p.required("StackName"));
            String logicalId = p.required("LogicalResourceId");
            StackResource resource = stack.resources.get(logicalId);
            if (resource == null) {
                throw new AwsException("ValidationError", 400, "Resource " + logicalId + " does not exist for stack " + stack.stackName);
            }
            QueryProtocol.result(xml, "DescribeStackResource", () -> {
                xml.start("StackResourceDetail");
                StackXml.resource(xml, stack, resource, "LastUpdatedTimestamp");
                xml.element("Metadata", "{}").end();
            });
        });
        templates.register(operations);
        changeSetOperations();
    }

    private void describeStackResources(QueryParameters p, XmlWriter xml, AwsRequest r) {
        String name = p.optional("StackName").orElse(null);
        String physicalId = p.optional("PhysicalResourceId").orElse(null);
        if (name == null && physicalId == null) {
            throw new AwsException("ValidationError", 400, "Either StackName or PhysicalResourceId must be specified.");
        }
        Stack stack = name != null ? stacks.stack(region(r), name) : stacks.describeStacks(region(r), null).stream()
                .filter(s -> s.resources.values().stream().anyMatch(res -> physicalId.equals(res.physicalResourceId())))
                .findFirst().orElseThrow(() -> new AwsException("ValidationError", 400, "Stack for " + physicalId + " does not exist"));
        String logicalId = p.optional("LogicalResourceId").orElse(null);
        QueryProtocol.result(xml, "DescribeStackResources", () -> {
            xml.start("StackResources");
            stack.resources.values().stream()
                    .filter(res -> logicalId == null || res.logicalResourceId().equals(logicalId))
                    .filter(res -> physicalId == null || physicalId.equals(res.physicalResourceId()))
                    .forEach(res -> {
                        xml.start("member");
                        StackXml.resource(xml, stack, res, "Timestamp");
                        xml.end();
                    });
            xml.end();
        });
    }

    private void changeSetOperations() {
        operations.put("CreateChangeSet", (p, xml, r) -> {
            var changeSet = changeSets.create(new ChangeSetService.CreateRequest(region(r), stackName(p),
                    p.name("ChangeSetName", 1, 128, CHANGE_SET_NAME, true), p.optional("ChangeSetType").orElse(null), body(p),
                    p.bool("UsePreviousTemplate"), parameters(p), previousValueKeys(p), p.list("Capabilities"), tags(p),
                    p.optional("Description").orElse(null)));
            QueryProtocol.result(xml, "CreateChangeSet", () -> xml.element("Id", changeSet.changeSetId()).element("StackId", changeSet.stackId()));
        });
        operations.put("DescribeChangeSet", (p, xml, r) -> {
            var changeSet = changeSets.find(region(r), p.required("ChangeSetName"), p.optional("StackName").orElse(null));
            QueryProtocol.result(xml, "DescribeChangeSet", () -> ChangeSetXml.changeSet(xml, changeSet));
        });
        operations.put("ExecuteChangeSet", (p, xml, r) -> {
            changeSets.execute(region(r), caller(r), p.required("ChangeSetName"), p.optional("StackName").orElse(null));
            QueryProtocol.result(xml, "ExecuteChangeSet", () -> { });
        });
        operations.put("DeleteChangeSet", (p, xml, r) -> {
            changeSets.delete(region(r), p.required("ChangeSetName"), p.optional("StackName").orElse(null));
            QueryProtocol.result(xml, "DeleteChangeSet", () -> { });
        });
        operations.put("ListChangeSets", (p, xml, r) -> {
            var found = changeSets.list(region(r), p.required("StackName"));
            QueryProtocol.result(xml, "ListChangeSets", () -> {
                xml.start("Summaries");
                found.forEach(changeSet -> ChangeSetXml.summary(xml, changeSet));
                xml.end();
            });
        });
    }

    /** CloudFormation refuses input that breaks its model's constraints with this error. */
    private static final InputValidator INPUT = validator("cloudformation");



    @Override
    public AwsResponse handle(AwsRequest request) {
        return QueryProtocol.handle(request, NAMESPACE, VERSION, operations);
    }

    static String region(AwsRequest request) {
        return AccountAndRegion.regionOf(request);
    }

    private static String caller(AwsRequest request) {
        return CredentialScope.of(request).map(CredentialScope::accessKeyId).orElse("test");
    }

    private static String stackName(QueryParameters p) {
        return p.name("StackName", 1, 1600, STACK_NAME, true);
    }

    /** TemplateBody; TemplateURL is read from localcloud's S3. */
    String body(QueryParameters p) {
        return p.optional("TemplateBody").orElseGet(() -> p.optional("TemplateURL").map(templates::fromUrl).orElse(null));
    }

    /** Parameters.member.N.ParameterKey/ParameterValue; a UsePreviousValue member is answered by previousValueKeys. */
    private static Map<String, String> parameters(QueryParameters p) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map<String, String> parameter : p.structures("Parameters")) {
            if (!"true".equals(parameter.get("UsePreviousValue"))) {
                values.put(parameter.get("ParameterKey"), parameter.getOrDefault("ParameterValue", ""));
            }
        }
        return values;
    }

    private static List<String> previousValueKeys(QueryParameters p) {
        List<String> keys = new ArrayList<>();
        for (Map<String, String> parameter : p.structures("Parameters")) {
            if ("true".equals(parameter.get("UsePreviousValue"))) {
                keys.add(parameter.get("ParameterKey"));
            }
        }
        return keys;
    }

    private static Map<String, String> tags(QueryParameters p) {
        Map<String, String> tags = new LinkedHashMap<>();
        p.structures("Tags").forEach(tag -> tags.put(tag.get("Key"), tag.getOrDefault("Value", "")));
        return tags;
    }
}
