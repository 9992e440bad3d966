package dev.chatlab.localcloud.services.cloudformation.sam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.services.cloudformation.template.TemplateError;
import java.util.List;

/**
 * A SAM function's {@code Policies}: an AWS managed policy by name or ARN, an inline policy document,
 * or one of SAM's policy templates the chat uses (DynamoDBCrudPolicy, DynamoDBReadPolicy,
 * DynamoDBWritePolicy), each template expanded into {@code <Function>RolePolicy<N>} as SAM names it.
 */
final class SamPolicies {

    private static final List<String> CRUD = List.of("dynamodb:GetItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:Scan",
            "dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem", "dynamodb:BatchGetItem", "dynamodb:DescribeTable",
            "dynamodb:ConditionCheckItem");
    private static final List<String> READ = List.of("dynamodb:GetItem", "dynamodb:Scan", "dynamodb:Query", "dynamodb:BatchGetItem",
            "dynamodb:DescribeTable");
    private static final List<String> WRITE = List.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem");

    private SamPolicies() {
    }

    static void expand(String function, JsonNode policies, ArrayNode managed, ArrayNode inline) {
        List<JsonNode> items = policies.isArray() ? Json.MAPPER.convertValue(policies, Json.MAPPER.getTypeFactory()
                .constructCollectionType(List.class, JsonNode.class)) : policies.isMissingNode() ? List.of() : List.of(policies);
        for (JsonNode item : items) {
            if (item.isTextual()) {
                String text = item.asText();
                managed.add(text.startsWith("arn:") ? Json.MAPPER.getNodeFactory().textNode(text)
                        : Json.object().put("Fn::Sub", "arn:${AWS::Partition}:iam::aws:policy/" + text));
            } else if (item.has("Statement")) {
                String policyName = function + "RolePolicy" + inline.size();
                inline.addObject().put("PolicyName", policyName).set("PolicyDocument", item);
            } else if (item.isObject() && item.size() == 1) {
                String template = item.fieldNames().next();
                String policyName = function + "RolePolicy" + inline.size();
                inline.addObject().put("PolicyName", policyName)
                        .set("PolicyDocument", template(template, item.get(template), function));
            } else {
                throw TemplateError.validation("Transform " + SamTransform.NAME + " failed with: Resource with id [" + function
                        + "] is invalid. Policies entry is not a policy name, document or template: " + item);
            }
        }
    }

    private static ObjectNode template(String name, JsonNode parameters, String function) {
        List<String> actions = switch (name) {
            case "DynamoDBCrudPolicy" -> CRUD;
            case "DynamoDBReadPolicy" -> READ;
            case "DynamoDBWritePolicy" -> WRITE;
            default -> throw TemplateError.validation("Transform " + SamTransform.NAME + " failed with: Resource with id [" + function
                    + "] is invalid. localcloud's SAM transform knows the policy templates DynamoDBCrudPolicy, DynamoDBReadPolicy and DynamoDBWritePolicy, not " + name);
        };
        JsonNode tableName = parameters.path("TableName");
        ObjectNode document = Json.object().put("Version", "2012-10-17");
        ObjectNode statement = document.putArray("Statement").addObject().put("Effect", "Allow");
        actions.forEach(statement.putArray("Action")::add);
        ArrayNode resources = statement.putArray("Resource");
        for (String arn : new String[]{"arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}",
                "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}/index/*"}) {
            ArrayNode sub = resources.addObject().putArray("Fn::Sub");
            sub.add(arn).addObject().set("tableName", tableName);
        }
        return document;
    }
}
